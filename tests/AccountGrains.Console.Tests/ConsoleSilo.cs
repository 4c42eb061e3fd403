using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AccountGrains.Contracts.V1;
using AccountGrains.Testing;
using Grpc.Net.Client;

namespace AccountGrains.Console.Tests;

/// <summary>
/// The silo as a process with one API key per role, its gRPC endpoint on a port the OS picks and the console's
/// endpoint (<c>AccountGrains__Console__Urls</c>) on a free loopback port; gRPC clients and JSON requests per role.
/// </summary>
public sealed class ConsoleSilo : IAsyncLifetime
{
    public static readonly string[] Roles = ["platform", "recovery", "agent", "vendor", "admin", "auditor"];

    private readonly Dictionary<string, string> _keys = Roles.ToDictionary(r => r, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
    private SiloProcess? _silo;
    private GrpcChannel? _channel;

    /// <summary>The console's and JSON API's base address.</summary>
    public Uri ConsoleUrl { get; } = new($"http://127.0.0.1:{SiloProcess.FreePort()}");

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("Not started.");

    public string KeyOf(string role) => _keys[role];

    /// <summary>The agent id agent and vendor keys act for.</summary>
    public static string? AgentOf(string role) => role is "agent" or "vendor" ? role + "-7" : null;

    public AccountIntegrity.AccountIntegrityClient Accounts => new(_channel);

    public ClusterAdmin.ClusterAdminClient Admin => new(_channel);

    public Metadata HeadersOf(string role)
    {
        var headers = new Metadata { { "authorization", "Bearer " + KeyOf(role) } };
        if (AgentOf(role) is { } agent)
        {
            headers.Add("x-on-behalf-of", agent);
        }

        return headers;
    }

    /// <summary>A JSON request to the console endpoint, as <paramref name="role"/> (null: no credential).</summary>
    public HttpRequestMessage Json(HttpMethod method, string path, string? role, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(ConsoleUrl, path));
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyOf(role));
            if (AgentOf(role) is { } agent)
            {
                request.Headers.Add("x-on-behalf-of", agent);
            }
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task InitializeAsync()
    {
        var environment = new List<KeyValuePair<string, string?>>
        {
            new("AccountGrains__Console__Urls", ConsoleUrl.ToString().TrimEnd('/')),
            new("AccountGrains__Dashboard__Enabled", "true"),

            // Every agent and vendor action sampled for review, so the audit queue has what the tests did.
            new("AccountGrains__Audits__AgentShare", "1"),
            new("AccountGrains__Audits__VendorShare", "1"),
        };
        for (var i = 0; i < Roles.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"AccountGrains__Auth__Keys__{i}__");
            environment.Add(new(prefix + "Name", Roles[i] + "-svc"));
            environment.Add(new(prefix + "Role", Roles[i]));
            environment.Add(new(prefix + "Sha256", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_keys[Roles[i]])))));
        }

        _silo = SiloProcess.Start(["--urls", "http://127.0.0.1:0"], environment);
        await _silo.ListeningAsync();

        // The start-up line names every endpoint; Kestrel's configured endpoints come in name order, the console's first.
        var line = _silo.Output.Split('\n').First(l => l.Contains("AccountGrains silo listening on", StringComparison.Ordinal));
        var grpc = System.Text.RegularExpressions.Regex.Matches(line, @"http://[^,;\s]+").Select(m => new Uri(m.Value)).Single(u => u.Port != ConsoleUrl.Port);
        _channel = GrpcChannel.ForAddress(grpc);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
