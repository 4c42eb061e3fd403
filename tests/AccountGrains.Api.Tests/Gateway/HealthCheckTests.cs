using AccountGrains.Api.Tests.Support;
using AccountGrains.Gateway;
using AccountGrains.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountGrains.Api.Tests.Gateway;

/// <summary>The "silo" and "store" checks against the running silo's real parts.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class HealthCheckTests(ApiSilo silo)
{
    [Fact]
    public async Task SiloCheck_IsHealthyWhileActive_AndUnhealthyFromTheMomentTheHostStops()
    {
        var lifetime = new StoppingLifetime();
        var check = new SiloHealthCheck(silo.Services.GetRequiredService<ISiloStatusOracle>(), lifetime);

        var active = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.Stop();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, active.Status);
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
    }

    [Fact]
    public async Task StoreCheck_OnTheSilosStore_IsHealthy()
    {
        using var check = new StoreHealthCheck(silo.Services.GetRequiredService<AccountGrains.Storage.IEventStore>(), NullLogger<StoreHealthCheck>.Instance);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task StoreCheck_OnAStoreItCannotOpen_IsUnhealthy_AndTheAnswerIsCachedBriefly()
    {
        // The store's folder is removed under it: SQLite cannot open the file (CANTOPEN), as with a lost volume.
        var folder = Directory.CreateTempSubdirectory("accountgrains-gone-").FullName;
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(folder, "accounts.db") });
        Directory.Delete(folder, recursive: true);
        using var check = new StoreHealthCheck(store, NullLogger<StoreHealthCheck>.Instance);

        var first = await check.CheckHealthAsync(new HealthCheckContext());
        var second = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, first.Status);
        Assert.Equal(first.Description, second.Description);
    }

    private sealed class StoppingLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Stop() => _stopping.Cancel();

        public void StopApplication() => Stop();

        public void Dispose() => _stopping.Dispose();
    }
}
