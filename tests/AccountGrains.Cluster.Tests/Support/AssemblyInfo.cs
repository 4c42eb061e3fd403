// Lease tests measure real seconds on the database's clock; run one class at a time so a starved
// thread pool on a shared machine cannot fence a silo that a test expects to stay live.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
