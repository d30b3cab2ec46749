"""Workshop mode: a problem snapshot, participants and their weights in a real database.

``store`` keeps workshops, participants and submissions (SQLAlchemy; SQLite by default, PostgreSQL
when ``MCDA_DATABASE_URL`` is set); ``aggregation`` turns the participants' weights into group
results; ``charts`` and ``export`` draw and write them. Nothing here imports streamlit.
"""
