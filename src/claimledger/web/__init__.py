"""The web UI (FastAPI, server-rendered); see :func:`claimledger.web.app.create_app`."""
