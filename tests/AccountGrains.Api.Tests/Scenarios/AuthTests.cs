using AccountGrains.Api.Tests.Support;
using AccountGrains.Client;
using AccountGrains.Grpc;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>Who may call: DOMAIN.md's table, cell by cell, and the ways a caller fails to authenticate.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class AuthTests(ApiSilo silo)
{
    public static TheoryData<string, string> ForbiddenCalls => Cells(allowed: false);

    public static TheoryData<string, string> AllowedCalls => Cells(allowed: true);

    [Theory]
    [MemberData(nameof(ForbiddenCalls))]
    public async Task Call_ByARoleTheTableForbids_IsPermissionDenied(string role, string method)
    {
        var id = ApiSilo.NewAccount("forbidden");

        await Refused.WithAsync(StatusCode.PermissionDenied, () => ApiCalls.InvokeAsync(silo.Client(role), method, id));
        Assert.Equal(0, (await silo.Client("admin").GetAccountAsync(id)).Version);
    }

    [Theory]
    [MemberData(nameof(AllowedCalls))]
    public async Task Call_ByARoleTheTableAllows_IsNotRefused(string role, string method)
    {
        var id = ApiSilo.NewAccount("allowed");

        // Some calls fail on the account's state (no attempt to complete, no badge to revoke): that is not a refusal.
        var error = await Record.ExceptionAsync(() => ApiCalls.InvokeAsync(silo.Client(role), method, id));

        if (error is not null)
        {
            var status = Assert.IsType<RpcException>(error).StatusCode;
            Assert.True(status is StatusCode.NotFound or StatusCode.FailedPrecondition, $"{role} calling {method}: {status}");
        }
    }

    [Fact]
    public async Task Call_WithoutAKey_IsUnauthenticated()
    {
        var anonymous = silo.Client(new AccountIntegrityClientOptions());

        await Refused.WithAsync(StatusCode.Unauthenticated, () => anonymous.GetAccountAsync(ApiSilo.NewAccount("anonymous")));
    }

    [Fact]
    public async Task Call_WithAnUnknownKey_IsUnauthenticated()
    {
        var stranger = silo.Client(new AccountIntegrityClientOptions { ApiKey = "not-a-configured-key" });

        await Refused.WithAsync(StatusCode.Unauthenticated, () => stranger.GetAccountAsync(ApiSilo.NewAccount("stranger")));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("vendor")]
    public async Task Call_ByAnAgentOrVendorKeyWithoutOnBehalfOf_IsUnauthenticated(string role)
    {
        var nobody = silo.Client(new AccountIntegrityClientOptions { ApiKey = silo.Keys.KeyOf(role) });

        await Refused.WithAsync(StatusCode.Unauthenticated, () => nobody.GetAccountAsync(ApiSilo.NewAccount("nobody")));
    }

    private static TheoryData<string, string> Cells(bool allowed)
    {
        var data = new TheoryData<string, string>();
        foreach (var (role, methods) in ApiCalls.AllowedByRole)
        {
            foreach (var method in ApiCalls.Methods.Where(m => methods.Contains(m) == allowed))
            {
                data.Add(role, method);
            }
        }

        return data;
    }
}
