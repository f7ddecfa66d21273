"""The projects app has no pages of its own: the projects list and the project page show money,
so the app that owns the money serves them, at the same URLs and names (projects:list,
projects:detail).

tracker/urls.py still includes this module; once it no longer does, this file can go.
"""

urlpatterns = []
