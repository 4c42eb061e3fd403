// Timing-sensitive grain tests share two cores with the build: one test at a time keeps their bounds honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
