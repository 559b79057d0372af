"""The audit log as people read it (R25): the API, the filters and the streaming export.

Recording lives at the bottom of the layers (``storegate.audit``: ``AuditEvent``,
``AuditAction``, ``audit_record``); this package reads what was recorded, at the top.
"""
