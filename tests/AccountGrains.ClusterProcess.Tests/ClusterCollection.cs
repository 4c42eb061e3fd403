namespace AccountGrains.ClusterProcess.Tests;

/// <summary>Every test starts several silo processes and a PostgreSQL server: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster processes";
}
