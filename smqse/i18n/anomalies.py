"""Messages of the anomaly page, French (default) and English; keys are prefixed and unique across catalogues."""

FR: dict[str, str] = {}

EN: dict[str, str] = {}
