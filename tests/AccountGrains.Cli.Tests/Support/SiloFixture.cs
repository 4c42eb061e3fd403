using AccountGrains.Client;
using AccountGrains.Testing;

namespace AccountGrains.Cli.Tests.Support;

/// <summary>One silo process (single silo, embedded SQLite, keys for every role) shared by every acctctl test.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private AccountIntegrityChannel? _channel;

    public SiloKeys Keys { get; } = new();

    public Uri Address { get; private set; } = null!;

    public string SiloOutput => _silo?.Output ?? "";

    /// <summary>A client of the test's own, to check what acctctl did (admin key).</summary>
    public AccountIntegrityClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (_silo, Address) = await SiloProcess.StartAsync(Keys.Configuration());
        _channel = new AccountIntegrityChannel(new AccountIntegrityChannelOptions { Address = Address, DefaultTimeout = TimeSpan.FromSeconds(30) });
        Admin = new AccountIntegrityClient(_channel, Keys.KeyOf("admin"));
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>acctctl as <paramref name="role"/> against this silo (key in ACCTCTL_KEY, agent for agent and vendor keys).</summary>
    public Acctctl As(string role) => new Acctctl(Address, Keys.KeyOf(role), role is "agent" or "vendor" ? role + "-7" : null);
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
