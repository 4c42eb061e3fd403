using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>Who may call: DOMAIN.md's table, cell by cell, for API keys and for JWTs, and the ways a caller fails to authenticate.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class AuthTests(ApiSilo silo)
{
    public static TheoryData<string, string> ForbiddenCalls => ApiCalls.Cells(allowed: false);

    public static TheoryData<string, string> AllowedCalls => ApiCalls.Cells(allowed: true);

    [Theory]
    [MemberData(nameof(ForbiddenCalls))]
    public Task Call_WithAKeyWhoseRoleTheTableForbids_IsPermissionDenied(string role, string method) =>
        ForbiddenAsync(silo.Client(role), role, method);

    [Theory]
    [MemberData(nameof(ForbiddenCalls))]
    public Task Call_WithAJwtWhoseRoleTheTableForbids_IsPermissionDenied(string role, string method) =>
        ForbiddenAsync(silo.JwtClient(role), role, method);

    [Theory]
    [MemberData(nameof(AllowedCalls))]
    public Task Call_WithAKeyWhoseRoleTheTableAllows_IsNotRefused(string role, string method) =>
        AllowedAsync(silo.Client(role), role, method);

    [Theory]
    [MemberData(nameof(AllowedCalls))]
    public Task Call_WithAJwtWhoseRoleTheTableAllows_IsNotRefused(string role, string method) =>
        AllowedAsync(silo.JwtClient(role), role, method);

    [Fact]
    public async Task Call_WithoutACredential_IsUnauthenticated()
    {
        var error = await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithHeaders([]).GetAccountAsync(ApiSilo.NewAccount("anonymous")));

        Assert.Contains("authorization: Bearer", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithAnUnknownKey_IsUnauthenticatedWithoutEchoingIt()
    {
        var error = await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer("not-a-configured-key").GetAccountAsync(ApiSilo.NewAccount("stranger")));

        Assert.DoesNotContain("not-a-configured-key", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("vendor")]
    public async Task Call_ByAnAgentOrVendorKeyWithoutOnBehalfOf_IsUnauthenticated(string role)
    {
        var error = await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer(silo.Keys.KeyOf(role)).GetAccountAsync(ApiSilo.NewAccount("nobody")));

        Assert.Contains("x-on-behalf-of", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithAMalformedOnBehalfOf_IsUnauthenticated() =>
        await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer(silo.Keys.KeyOf("agent"), onBehalfOf: "not an agent/id").GetAccountAsync(ApiSilo.NewAccount("bad-agent")));

    [Fact]
    public async Task Call_WithAnExpiredJwt_IsUnauthenticated()
    {
        var expired = silo.Tokens.For("admin", expiresIn: TimeSpan.FromMinutes(-10));

        var error = await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer(expired).GetAccountAsync(ApiSilo.NewAccount("expired")));

        Assert.Contains("expired", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithAJwtSignedByAnotherKey_IsUnauthenticated()
    {
        var forged = silo.Tokens.For("admin", signingKey: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var error = await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer(forged).GetAccountAsync(ApiSilo.NewAccount("forged")));

        Assert.Contains("signature", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithAJwtTamperedAfterSigning_IsUnauthenticated()
    {
        var parts = silo.Tokens.For("platform").Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        payload["role"] = "admin";
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer(tampered).SetHighProfileAsync(new SetHighProfileRequest { AccountId = ApiSilo.NewAccount("tampered"), HighProfile = true }));
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("audience")]
    [InlineData("role")]
    [InlineData("subject")]
    public async Task Call_WithAJwtMissingWhatTheSiloRequires_IsUnauthenticated(string wrong)
    {
        var token = wrong switch
        {
            "issuer" => silo.Tokens.For("admin", issuer: "https://elsewhere.test"),
            "audience" => silo.Tokens.For("admin", audience: "another-service"),
            "role" => silo.Tokens.For("superuser"),   // not a role (auditor is one now)
            _ => silo.Tokens.For("admin", subject: null),
        };

        await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer(token).GetAccountAsync(ApiSilo.NewAccount("bad-jwt")));
    }

    [Fact]
    public async Task History_OfJwtCalls_NamesTheTokensSubject()
    {
        var id = ApiSilo.NewAccount("jwt-actor");
        await silo.JwtClient("agent").LockAsync(id, LockReason.PolicyViolation);
        await silo.WithBearer(silo.Tokens.For("agent"), onBehalfOf: "agent-9").LockAsync(id, LockReason.Compromised);

        var actors = await silo.Client("admin").ReadHistoryAsync(id).Select(e => e.Actor).ToListAsync();

        Assert.Equal([JwtTokens.SubjectOf("agent"), JwtTokens.SubjectOf("agent") + "/agent-9"], actors);
    }

    [Fact]
    public async Task Refusals_LeaveTheSiloServing()
    {
        var id = ApiSilo.NewAccount("still-serving");
        await Refused.WithAsync(StatusCode.Unauthenticated, () => silo.WithBearer("x.y.z").VerifyAsync(id, Action.Login));
        await Refused.WithAsync(StatusCode.PermissionDenied, () => silo.Client("platform").SetHighProfileAsync(new SetHighProfileRequest { AccountId = id, HighProfile = true }));

        Assert.Equal(Decision.Allow, (await silo.Client("platform").VerifyAsync(id, Action.Login)).Decision);
    }

    private async Task ForbiddenAsync(ApiClient client, string role, string method)
    {
        var id = ApiSilo.NewAccount("forbidden");

        var error = await Refused.WithAsync(StatusCode.PermissionDenied, () => ApiCalls.InvokeAsync(client, method, id));

        Assert.Contains($"'{role}'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await silo.Client("admin").GetAccountAsync(id)).Version);
    }

    private static async Task AllowedAsync(ApiClient client, string role, string method)
    {
        var id = ApiSilo.NewAccount("allowed");

        // Some calls fail on the account's state (no attempt to complete, no badge to revoke): that is not a refusal.
        var error = await Record.ExceptionAsync(() => ApiCalls.InvokeAsync(client, method, id));

        if (error is not null)
        {
            var status = Assert.IsType<RpcException>(error).StatusCode;
            Assert.True(status is StatusCode.NotFound or StatusCode.FailedPrecondition, $"{role} calling {method}: {status} {((RpcException)error).Status.Detail}");
        }
    }
}
