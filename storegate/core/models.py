"""Base model shared by every Storegate table."""

from __future__ import annotations

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """One bucket of a windowed counter (``storegate.core.ratelimit``): how many times ``key``
    was hit during the minute ``bucket`` (minutes since the epoch).

    Shared by every web process through the database when Redis is not configured. Rows are
    written with one atomic upsert per hit and pruned by housekeeping once their window passed.
    """

    key = models.CharField(max_length=200)
    bucket = models.BigIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        ordering = ("key", "bucket")
        constraints = [
            models.UniqueConstraint(fields=["key", "bucket"], name="rate_counter_key_bucket_uniq")
        ]
        indexes = [models.Index(fields=["bucket"], name="rate_counter_bucket_idx")]

    def __str__(self) -> str:
        return f"{self.key}@{self.bucket}: {self.count}"
