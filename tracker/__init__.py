"""The project package: settings (from the environment), the root URLs, /healthz (views), the
login throttle's client address (client_ip, auth) and the WSGI/ASGI entry points."""
