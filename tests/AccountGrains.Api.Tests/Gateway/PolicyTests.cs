using System.Reflection;
using AccountGrains.Domain;
using AccountGrains.Gateway;

using Microsoft.AspNetCore.Authorization;

namespace AccountGrains.Api.Tests.Gateway;

/// <summary>Every RPC is behind the policy of its operation, and every operation's policy exists.</summary>
public sealed class PolicyTests
{
    public static TheoryData<Type> Services => [typeof(AccountIntegrityService), typeof(ClusterAdminService)];

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryRpc_NamesThePolicyOfItsOperation(Type service)
    {
        var rpcs = service.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetParameters().LastOrDefault()?.ParameterType == typeof(ServerCallContext))
            .ToList();

        Assert.NotEmpty(rpcs);
        Assert.All(rpcs, rpc =>
        {
            var policy = Assert.Single(rpc.GetCustomAttributes<AuthorizeAttribute>()).Policy;
            var operation = service != typeof(ClusterAdminService) ? Enum.Parse<Operation>(rpc.Name) : rpc.Name switch
            {
                nameof(ClusterAdminService.GetReport) => Operation.Reports,
                nameof(ClusterAdminService.VerifyHistory) => Operation.VerifyHistory,
                nameof(ClusterAdminService.ListAuditQueue) => Operation.ListAuditQueue,
                nameof(ClusterAdminService.ListPendingRequests) => Operation.ListPendingRequests,
                nameof(ClusterAdminService.ListOpenAppeals) => Operation.ListOpenAppeals,
                _ => Operation.ClusterAndReports,
            };
            Assert.Equal(GatewayPolicies.For(operation), policy);
        });
    }

    [Fact]
    public void EveryOperationACallerMayBeGranted_HasAPolicy()
    {
        var options = new AuthorizationOptions();
        GatewayPolicies.AddTo(options);

        Assert.All(Enum.GetValues<Operation>().Where(o => o != Operation.ExpireDue), o => Assert.NotNull(options.GetPolicy(GatewayPolicies.For(o))));
        Assert.Null(options.GetPolicy(GatewayPolicies.For(Operation.ExpireDue)));
    }
}
