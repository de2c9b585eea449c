"""Signal receivers of the campaigns app (connected in CampaignsConfig.ready)."""
