"""The Streamlit workbench: one module per page, the session model and shared widgets."""
