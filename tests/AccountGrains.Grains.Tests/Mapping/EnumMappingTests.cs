using AccountGrains.Domain;
using A = AccountGrains.Abstractions;
using D = AccountGrains.Domain;

namespace AccountGrains.Grains.Tests.Mapping;

/// <summary>The interface's enums and the domain's name the same members with the same numbers, and Verify's mapping allocates nothing.</summary>
public sealed class EnumMappingTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(A.VerifyAction), typeof(D.VerifyAction) },
        { typeof(A.VerifyDecision), typeof(D.VerifyDecision) },
        { typeof(A.VerifyReasons), typeof(D.VerifyReasons) },
        { typeof(A.LockReason), typeof(D.LockReason) },
        { typeof(A.SignalKind), typeof(D.SignalKind) },
        { typeof(A.RecoveryChannel), typeof(D.RecoveryChannel) },
        { typeof(A.RiskLevel), typeof(D.RiskLevel) },
        { typeof(A.BadgeStatus), typeof(D.BadgeStatus) },
        { typeof(A.UnlockScope), typeof(D.UnlockScope) },
        { typeof(A.RecoveryCompletionStatus), typeof(D.RecoveryCompletionStatus) },
        { typeof(A.RefusalCode), typeof(D.DomainErrorCode) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryMember_HasTheSameNameAndNumberOnBothSides(Type abstractions, Type domain)
    {
        var left = Enum.GetValues(abstractions).Cast<object>().Select(v => (Enum.GetName(abstractions, v), Convert.ToInt32(v, null)));
        var right = Enum.GetValues(domain).Cast<object>().Select(v => (Enum.GetName(domain, v), Convert.ToInt32(v, null)));
        Assert.Equal(right.Order(), left.Order());
    }

    [Fact]
    public void CallerRoles_AreTheDomainsExternalRoles_NeverSystem()
    {
        foreach (var role in Enum.GetValues<A.CallerRole>())
        {
            var mapped = EnumMapping.ToDomain(role);
            Assert.Equal(role.ToString(), mapped.ToString());
            Assert.NotEqual(ActorRole.System, mapped);
        }
    }

    [Fact]
    public void VerifyMapping_AllocatesNothing()
    {
        var state = AccountState.Replay([]);
        var now = DateTimeOffset.UtcNow;
        _ = ResultMapping.ToAbstractions(state.Verify(EnumMapping.ToDomain(A.VerifyAction.Login), "d", now));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = ResultMapping.ToAbstractions(state.Verify(EnumMapping.ToDomain(A.VerifyAction.SensitiveAction), "d", now));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
