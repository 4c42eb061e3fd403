// Each test runs a silo (and most a PostgreSQL database): one at a time on a shared box.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
