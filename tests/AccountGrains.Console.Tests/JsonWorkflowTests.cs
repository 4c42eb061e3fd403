using System.Net;
using System.Text.Json;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Console.Tests;

/// <summary>
/// The workflow rpcs (dual control, appeals, feedback labels) and VerifyHistory over HTTP/JSON, as curl would call
/// them: the same grain rules and role checks as gRPC, a refusal as a 403 with the gRPC status in the JSON body.
/// </summary>
public sealed class JsonWorkflowTests(ConsoleSilo silo) : IClassFixture<ConsoleSilo>
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task ApproveRequest_ByItsOwnRequester_Is403_ByAnotherAgent_LiftsTheLock()
    {
        var requestId = await PendingUnlockAsync("json-dual-1");

        using var own = await Http.SendAsync(silo.Json(HttpMethod.Post, $"/v1/accounts/json-dual-1/requests/{requestId}:approve", "agent", """{"note":"mine"}"""));
        using var refusal = JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal((int)StatusCode.PermissionDenied, refusal.RootElement.GetProperty("code").GetInt32());

        using var other = await Http.SendAsync(AsAgent(silo.Json(HttpMethod.Post, $"/v1/accounts/json-dual-1/requests/{requestId}:approve", "agent",
            """{"note":"checked the documents","idempotencyKey":"approve-1"}"""), "agent-8"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var reply = JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        Assert.True(reply.RootElement.GetProperty("approved").GetBoolean());
        Assert.Single(reply.RootElement.GetProperty("liftedLockIds").EnumerateArray());

        var account = await silo.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = "json-dual-1" }, silo.HeadersOf("admin"));
        Assert.Empty(account.Locks);
        Assert.Empty(account.PendingRequests);
    }

    [Fact]
    public async Task RejectRequest_ByAnAdmin_LeavesTheLock_AndAVendorIsRefused()
    {
        var requestId = await PendingUnlockAsync("json-dual-2");

        using var vendor = await Http.SendAsync(silo.Json(HttpMethod.Post, $"/v1/accounts/json-dual-2/requests/{requestId}:reject", "vendor", """{"reason":"no"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, vendor.StatusCode);

        using var admin = await Http.SendAsync(silo.Json(HttpMethod.Post, $"/v1/accounts/json-dual-2/requests/{requestId}:reject", "admin", """{"reason":"not enough proof"}"""));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using var reply = JsonDocument.Parse(await admin.Content.ReadAsStringAsync());
        Assert.Equal(requestId, reply.RootElement.GetProperty("requestId").GetString());
        Assert.False(reply.RootElement.TryGetProperty("approved", out var approved) && approved.GetBoolean());

        var account = await silo.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = "json-dual-2" }, silo.HeadersOf("admin"));
        Assert.Single(account.Locks);
        Assert.Empty(account.PendingRequests);
    }

    [Fact]
    public async Task FileAppeal_ByThePlatform_ThenDecideAppeal_Overturned_LiftsTheContestedLock()
    {
        var locked = await silo.Accounts.LockAsync(new LockRequest { AccountId = "json-appeal-1", Reason = LockReason.PolicyViolation }, silo.HeadersOf("agent"));
        var lockId = locked.LockId;

        using var vendor = await Http.SendAsync(silo.Json(HttpMethod.Post, "/v1/accounts/json-appeal-1/appeals", "vendor", $$"""{"lockId":"{{lockId}}","statement":"x"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, vendor.StatusCode);

        using var filed = await Http.SendAsync(silo.Json(HttpMethod.Post, "/v1/accounts/json-appeal-1/appeals", "platform",
            $$"""{"lockId":"{{lockId}}","statement":"it was my sister, not a bot","idempotencyKey":"appeal-k-1"}"""));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        using var appeal = JsonDocument.Parse(await filed.Content.ReadAsStringAsync());
        var appealId = appeal.RootElement.GetProperty("appeal").GetProperty("appealId").GetString();
        Assert.Equal(lockId, appeal.RootElement.GetProperty("appeal").GetProperty("lockId").GetString());

        using var decided = await Http.SendAsync(silo.Json(HttpMethod.Post, $"/v1/accounts/json-appeal-1/appeals/{appealId}:decide", "agent",
            """{"decision":"APPEAL_DECISION_OVERTURNED","reason":"statement checks out"}"""));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        using var decision = JsonDocument.Parse(await decided.Content.ReadAsStringAsync());
        Assert.Equal(lockId, Assert.Single(decision.RootElement.GetProperty("liftedLockIds").EnumerateArray()).GetString());

        var account = await silo.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = "json-appeal-1" }, silo.HeadersOf("admin"));
        Assert.Empty(account.Locks);
        Assert.Empty(account.OpenAppeals);
    }

    [Fact]
    public async Task LabelAutomaticLock_AsJson_LabelsTheBruteForceLock_Once()
    {
        var lockId = await BruteForceLockAsync(silo, "json-label-1");
        var path = $"/v1/accounts/json-label-1/automaticLocks/{lockId}:label";

        using var labelled = await Http.SendAsync(silo.Json(HttpMethod.Post, path, "agent", """{"label":"FEEDBACK_LABEL_FALSE_POSITIVE","note":"owner typo"}"""));
        Assert.Equal(HttpStatusCode.OK, labelled.StatusCode);
        using var reply = JsonDocument.Parse(await labelled.Content.ReadAsStringAsync());
        Assert.Equal("LOCK_REASON_BRUTE_FORCE", reply.RootElement.GetProperty("rule").GetString());
        Assert.Equal("FEEDBACK_LABEL_FALSE_POSITIVE", reply.RootElement.GetProperty("label").GetString());

        using var again = await Http.SendAsync(silo.Json(HttpMethod.Post, path, "agent", """{"label":"FEEDBACK_LABEL_CONFIRMED_COMPROMISE"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var vendor = await Http.SendAsync(silo.Json(HttpMethod.Post, path, "vendor", """{"label":"FEEDBACK_LABEL_FALSE_POSITIVE"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, vendor.StatusCode);
    }

    [Fact]
    public async Task VerifyHistory_AsJson_VerifiesTheChain_ForAnAuditor_NotForAVendor()
    {
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "json-chain-1", Reason = LockReason.Compromised }, silo.HeadersOf("admin"));
        await silo.Accounts.UnlockAsync(new UnlockRequest { AccountId = "json-chain-1", All = true }, silo.HeadersOf("admin"));

        using var auditor = await Http.SendAsync(silo.Json(HttpMethod.Get, "/v1/accounts/json-chain-1/history:verify", "auditor"));
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
        using var reply = JsonDocument.Parse(await auditor.Content.ReadAsStringAsync());
        Assert.True(reply.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("2", reply.RootElement.GetProperty("lastSeq").ToString());

        using var vendor = await Http.SendAsync(silo.Json(HttpMethod.Get, "/v1/accounts/json-chain-1/history:verify", "vendor"));
        Assert.Equal(HttpStatusCode.Forbidden, vendor.StatusCode);
        using var refusal = JsonDocument.Parse(await vendor.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.PermissionDenied, refusal.RootElement.GetProperty("code").GetInt32());
    }

    /// <summary>Ten failed logins reported through gRPC: the service's own BRUTE_FORCE lock, its id.</summary>
    internal static async Task<string> BruteForceLockAsync(ConsoleSilo silo, string accountId)
    {
        ReportSignalReply? last = null;
        for (var i = 0; i < 10; i++)
        {
            last = await silo.Accounts.ReportSignalAsync(new ReportSignalRequest { AccountId = accountId, Kind = SignalKind.FailedLogin }, silo.HeadersOf("platform"));
        }

        return Assert.Single(last!.Account.Locks, l => l.Reason == LockReason.BruteForce).LockId;
    }

    // A high-profile account locked, then agent-7 asks to unlock it: a pending dual-control request, its id.
    private async Task<string> PendingUnlockAsync(string accountId)
    {
        await silo.Accounts.SetHighProfileAsync(new SetHighProfileRequest { AccountId = accountId, HighProfile = true }, silo.HeadersOf("admin"));
        await silo.Accounts.LockAsync(new LockRequest { AccountId = accountId, Reason = LockReason.SuspiciousActivity }, silo.HeadersOf("admin"));
        var unlock = await silo.Accounts.UnlockAsync(new UnlockRequest { AccountId = accountId, All = true, Note = "owner called" }, silo.HeadersOf("agent"));
        return unlock.PendingRequest.RequestId;
    }

    private static HttpRequestMessage AsAgent(HttpRequestMessage request, string agent)
    {
        request.Headers.Remove("x-on-behalf-of");
        request.Headers.Add("x-on-behalf-of", agent);
        return request;
    }
}
