"""Who is calling and what they may do (R18, R19, S3). It sits above every app's models and below
the services, and reads the models it needs directly.

- ``principal.py``: ``Principal`` and ``PrincipalKind`` (personal ``sgp_``, store session
  ``sgs_``, organization ``sgo_``) and the token prefixes;
- ``authentication.py``: ``authenticate(raw, store_id=...)``, the one way a token becomes a
  principal, and the API's ``BearerAuth`` schemes;
- ``store_access.py``: ``StoreAccess`` and ``store_access_for(request, store_id)``, the one
  answer to "what may this caller do in this store", plus the page's remembered store sessions;
- ``statements.py``: every statement the two above run on a request (the hot path's SQL);
- ``guard.py`` / ``partner_guard.py``: ``@requires`` and ``@partner_requires``, the declarations
  every store and partner page and operation carries.

The rules "usable access", "live access" and "active staff" are defined once, next to their
models (``collaborators.models``, ``stores.models``), for the ORM and the SQL alike.
"""
