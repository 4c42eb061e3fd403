using AccountGrains.Client;
using AccountGrains.Silo.Hosting;
using AccountGrains.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Api.Tests.Support;

/// <summary>
/// The real silo hosted in this process the way silo/Program.cs hosts it, on 127.0.0.1 and a free port, with a temp
/// SQLite file, one key per role, and a manual clock as its <see cref="TimeProvider"/>: rules with durations are
/// tested by moving the clock, never by sleeping. Accounts are per test (<see cref="NewAccount"/>), so tests share it.
/// </summary>
public sealed class ApiSilo : IAsyncLifetime
{
    /// <summary>How often the silo polls for due reminders, in manual time.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("accountgrains-api-").FullName;
    private readonly List<AccountIntegrityClient> _clients = [];
    private WebApplication? _app;

    public ManualTimeProvider Time { get; } = new();

    public ApiKeys Keys { get; } = new();

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AccountGrains:Storage:SqlitePath"] = Path.Combine(_directory, "accounts.db"),
            ["AccountGrains:Reminders:PollPeriod"] = PollPeriod.ToString(),
            ["AccountGrains:Reminders:LookAhead"] = (PollPeriod * 2).ToString(),
        });
        builder.Configuration.AddInMemoryCollection(Keys.Configuration());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAccountGrainsSilo();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));

        _app = builder.Build();
        _app.MapAccountGrainsSilo();
        await _app.StartAsync();
        Address = new Uri(_app.Urls.Single());
    }

    /// <summary>A client holding <paramref name="role"/>'s key (agent and vendor act for <see cref="ApiKeys.AgentOf"/>); disposed with the silo.</summary>
    public AccountIntegrityClient Client(string role) => Track(new AccountIntegrityClient(new AccountIntegrityClientOptions
    {
        Address = Address,
        ApiKey = Keys.KeyOf(role),
        OnBehalfOf = ApiKeys.AgentOf(role),
    }));

    /// <summary>A client with the given options, pointed at this silo; disposed with the silo.</summary>
    public AccountIntegrityClient Client(AccountIntegrityClientOptions options)
    {
        options.Address = Address;
        return Track(new AccountIntegrityClient(options));
    }

    /// <summary>An account id no other test uses.</summary>
    public static string NewAccount(string label) => $"{label}-{Guid.NewGuid():N}"[..Math.Min(64, label.Length + 33)];

    /// <summary>
    /// Moves the clock one poll period at a time until <paramref name="done"/> holds: a reminder's turn runs in the
    /// background after the clock passes its due time. The bound guards against hanging; it is not a measurement.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > guard)
            {
                return value;
            }

            Time.Advance(PollPeriod);
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private AccountIntegrityClient Track(AccountIntegrityClient client)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }
}

/// <summary>The tests that share one in-process silo and its clock run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ApiSiloCollection : ICollectionFixture<ApiSilo>
{
    public const string Name = "api silo";
}
