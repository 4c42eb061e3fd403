using System.Net;
using System.Text.Json;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Console.Tests;

/// <summary>HTTP/JSON transcoding on the console endpoint, as curl would call it: same data, authentication and roles as gRPC.</summary>
public sealed class JsonApiTests(ConsoleSilo silo) : IClassFixture<ConsoleSilo>
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task GetAccount_AsJson_ShowsTheLockPlacedThroughGrpc()
    {
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "json-get-1", Reason = LockReason.Compromised, Note = "from grpc" }, silo.HeadersOf("admin"));

        using var response = await Http.SendAsync(silo.Json(HttpMethod.Get, "/v1/accounts/json-get-1", "agent"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ACCOUNT_STATUS_LOCKED", json.RootElement.GetProperty("status").GetString());
        var locks = json.RootElement.GetProperty("locks");
        Assert.Equal("LOCK_REASON_COMPROMISED", locks[0].GetProperty("reason").GetString());
        Assert.Equal("admin-svc", locks[0].GetProperty("placedBy").GetString());
    }

    [Fact]
    public async Task Lock_AsJson_IsWrittenWithTheCallersIdentity_AndSeenThroughGrpc()
    {
        using var response = await Http.SendAsync(silo.Json(HttpMethod.Post, "/v1/accounts/json-lock-1:lock", "agent",
            """{"reason":"LOCK_REASON_SUSPICIOUS_ACTIVITY","note":"by json","idempotencyKey":"k-1"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var history = await silo.Accounts.GetHistoryAsync(new GetHistoryRequest { AccountId = "json-lock-1" }, silo.HeadersOf("admin"));
        var placed = Assert.Single(history.Events);
        Assert.Equal("LockPlaced", placed.Type);
        Assert.Equal("agent-svc/agent-7", placed.Actor);
    }

    [Fact]
    public async Task NoCredential_Is401_WithTheReason()
    {
        using var response = await Http.SendAsync(silo.Json(HttpMethod.Get, "/v1/accounts/json-anon-1", role: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.Unauthenticated, json.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("authorization", json.RootElement.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        var request = silo.Json(HttpMethod.Get, "/v1/accounts/json-anon-2", role: null);
        request.Headers.Authorization = new("Bearer", "not-a-key");
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("vendor", "/v1/reports?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&granularity=REPORT_GRANULARITY_DAY")]
    [InlineData("auditor", "/v1/silos")]
    [InlineData("platform", "/v1/accounts/json-role-1/history")]
    [InlineData("vendor", "/v1/queues/audits")]
    [InlineData("auditor", "/v1/queues/requests")]
    public async Task ARoleThePermissionTableRefuses_Is403_WithTheReason(string role, string path)
    {
        using var response = await Http.SendAsync(silo.Json(HttpMethod.Get, path, role));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.PermissionDenied, json.RootElement.GetProperty("code").GetInt32());
        Assert.Contains($"'{role}'", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendorUnlockingAHighProfileAccount_Is403_FromTheGrain()
    {
        await silo.Accounts.SetHighProfileAsync(new SetHighProfileRequest { AccountId = "json-hp-1", HighProfile = true }, silo.HeadersOf("admin"));
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "json-hp-1", Reason = LockReason.Impersonation }, silo.HeadersOf("admin"));

        using var response = await Http.SendAsync(silo.Json(HttpMethod.Post, "/v1/accounts/json-hp-1:unlock", "vendor", """{"all":true}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("high-profile", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/accounts/bad%20id", null)]
    [InlineData("GET", "/v1/accounts/" + "a123456789a123456789a123456789a123456789a123456789a123456789abcde", null)]
    [InlineData("POST", "/v1/accounts/json-bad-1:lock", """{"reason":"LOCK_REASON_UNSPECIFIED"}""")]
    [InlineData("POST", "/v1/accounts/json-bad-2:lock", "{\"reason\":")]
    public async Task ABadRequest_Is400(string method, string path, string? body)
    {
        using var response = await Http.SendAsync(silo.Json(new HttpMethod(method), path, "admin", body ?? (method == "POST" ? "{}" : null)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.InvalidArgument, json.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task GetReport_AsJson_CountsTheLocks()
    {
        var day = DateTime.UtcNow.Date;
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "json-report-1", Reason = LockReason.DeceptiveIdentity }, silo.HeadersOf("admin"));
        var path = $"/v1/reports?from={day:yyyy-MM-dd}T00:00:00Z&to={day.AddDays(1):yyyy-MM-dd}T00:00:00Z&granularity=REPORT_GRANULARITY_TOTAL";

        // The projection follows the log within moments: poll until it has counted the lock.
        long counted = 0;
        for (var attempt = 0; attempt < 300 && counted == 0; attempt++)
        {
            using var response = await Http.SendAsync(silo.Json(HttpMethod.Get, path, "auditor"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var period = Assert.Single(json.RootElement.GetProperty("periods").EnumerateArray());
            counted = period.GetProperty("locksPlaced").EnumerateArray()
                .Where(l => l.GetProperty("reason").GetString() == "LOCK_REASON_DECEPTIVE_IDENTITY")
                .Sum(l => Int64Of(l.GetProperty("count")));
            if (counted == 0)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(1, counted);
    }

    [Fact]
    public async Task WatchEvents_AsNewlineDelimitedJson_StreamsTheCommittedEvent()
    {
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "json-watch-1", Reason = LockReason.PolicyViolation }, silo.HeadersOf("admin"));
        using var request = silo.Json(HttpMethod.Get, "/v1/events?afterPosition=0&filter.accountIds=json-watch-1", "agent");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var line = await reader.ReadLineAsync(timeout.Token);

        using var json = JsonDocument.Parse(line!);
        Assert.Equal("json-watch-1", json.RootElement.GetProperty("accountId").GetString());
        Assert.Equal("LockPlaced", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("admin", json.RootElement.GetProperty("actor").GetProperty("role").GetString());
    }

    [Fact]
    public async Task TheConsole_IsServedFromTheSilo_WithAContentSecurityPolicy()
    {
        using var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }).GetAsync(new Uri(silo.ConsoleUrl, "/console"));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);

        using var page = await Http.GetAsync(new Uri(silo.ConsoleUrl, "/console/"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<title>AccountGrains console</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // proto3 JSON writes an int64 as a string; readers accept a number too.
    private static long Int64Of(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetInt64();
}
