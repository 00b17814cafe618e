"""The morning digest DM, composed from the sections features export. The scheduler renders
digests with it; it registers no listeners (its buttons belong to the features)."""
