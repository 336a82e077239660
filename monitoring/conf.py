"""Settings of the monitoring app, read from the environment."""

from portal.settings.env import env_int, env_str

# Observations of the same taxon at the same deployment at most this many minutes after the
# previous one belong to the same independent event.
EVENT_THRESHOLD_MINUTES = env_int("MONITORING_EVENT_THRESHOLD_MINUTES", 30)
# Largest CSV file accepted by the bulk upload, in kilobytes.
CSV_MAX_KB = env_int("MONITORING_CSV_MAX_KB", 5120)
# Rows written per INSERT when bulk loading on databases without COPY.
BULK_BATCH_SIZE = env_int("MONITORING_BULK_BATCH_SIZE", 5000)
# Uncertainty of a structure's coordinates in metres (Darwin Core coordinateUncertaintyInMeters).
COORDINATE_UNCERTAINTY_M = env_int("MONITORING_COORDINATE_UNCERTAINTY_M", 30)
# Publisher named in exported data packages and archives.
PUBLISHER = env_str("MONITORING_PUBLISHER", "Provincie Antwerpen")
DATA_LICENSE = env_str("MONITORING_DATA_LICENSE", "CC-BY-4.0")
# Overview figures (index, map, comparison, region pages) are cached this long at most.
STATS_CACHE_SECONDS = env_int("MONITORING_STATS_CACHE_SECONDS", 300)
