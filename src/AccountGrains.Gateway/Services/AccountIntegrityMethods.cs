using AccountGrains.Contracts.V1;
using AccountGrains.Domain;
using AccountGrains.Grpc;

namespace AccountGrains.Gateway;

/// <summary>
/// The methods of <c>accountgrains.v1.AccountIntegrity</c>, built once from protoc's descriptors: the
/// service binds its handlers to them, the auth interceptor maps them to operations, forwarding calls them.
/// </summary>
internal static class AccountIntegrityMethods
{
    public static readonly Method<VerifyRequest, VerifyReply> Verify = GatewayMethods.Of<VerifyRequest, VerifyReply>(AccountIntegrityReflection.Descriptor, "Verify");
    public static readonly Method<ReportSignalRequest, ReportSignalReply> ReportSignal = GatewayMethods.Of<ReportSignalRequest, ReportSignalReply>(AccountIntegrityReflection.Descriptor, "ReportSignal");
    public static readonly Method<LockRequest, LockReply> Lock = GatewayMethods.Of<LockRequest, LockReply>(AccountIntegrityReflection.Descriptor, "Lock");
    public static readonly Method<UnlockRequest, UnlockReply> Unlock = GatewayMethods.Of<UnlockRequest, UnlockReply>(AccountIntegrityReflection.Descriptor, "Unlock");
    public static readonly Method<StartRecoveryRequest, StartRecoveryReply> StartRecovery = GatewayMethods.Of<StartRecoveryRequest, StartRecoveryReply>(AccountIntegrityReflection.Descriptor, "StartRecovery");
    public static readonly Method<CompleteRecoveryRequest, CompleteRecoveryReply> CompleteRecovery = GatewayMethods.Of<CompleteRecoveryRequest, CompleteRecoveryReply>(AccountIntegrityReflection.Descriptor, "CompleteRecovery");
    public static readonly Method<GrantVerificationRequest, GrantVerificationReply> GrantVerification = GatewayMethods.Of<GrantVerificationRequest, GrantVerificationReply>(AccountIntegrityReflection.Descriptor, "GrantVerification");
    public static readonly Method<RevokeVerificationRequest, RevokeVerificationReply> RevokeVerification = GatewayMethods.Of<RevokeVerificationRequest, RevokeVerificationReply>(AccountIntegrityReflection.Descriptor, "RevokeVerification");
    public static readonly Method<SetHighProfileRequest, SetHighProfileReply> SetHighProfile = GatewayMethods.Of<SetHighProfileRequest, SetHighProfileReply>(AccountIntegrityReflection.Descriptor, "SetHighProfile");
    public static readonly Method<GetAccountRequest, Account> GetAccount = GatewayMethods.Of<GetAccountRequest, Account>(AccountIntegrityReflection.Descriptor, "GetAccount");
    public static readonly Method<GetHistoryRequest, HistoryPage> GetHistory = GatewayMethods.Of<GetHistoryRequest, HistoryPage>(AccountIntegrityReflection.Descriptor, "GetHistory");

    /// <summary>The operation (for the permission table) of each method path, the admin service's included.</summary>
    public static IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        [Verify.FullName] = Operation.Verify,
        [ReportSignal.FullName] = Operation.ReportSignal,
        [Lock.FullName] = Operation.Lock,
        [Unlock.FullName] = Operation.Unlock,
        [StartRecovery.FullName] = Operation.StartRecovery,
        [CompleteRecovery.FullName] = Operation.CompleteRecovery,
        [GrantVerification.FullName] = Operation.GrantVerification,
        [RevokeVerification.FullName] = Operation.RevokeVerification,
        [SetHighProfile.FullName] = Operation.SetHighProfile,
        [GetAccount.FullName] = Operation.GetAccount,
        [GetHistory.FullName] = Operation.GetHistory,
        [ClusterAdminService.ListSilos.FullName] = Operation.ClusterAndReports,
        [ClusterAdminService.ListActivations.FullName] = Operation.ClusterAndReports,
    };

    /// <summary>The methods that run on the account's grain, and so may be forwarded to its owner. History reads the store and never needs to.</summary>
    public static IReadOnlyDictionary<string, IForwardable> Forwardable { get; } = new IForwardable[]
    {
        new Forwardable<VerifyRequest, VerifyReply>(Verify, static r => r.AccountId),
        new Forwardable<ReportSignalRequest, ReportSignalReply>(ReportSignal, static r => r.AccountId),
        new Forwardable<LockRequest, LockReply>(Lock, static r => r.AccountId),
        new Forwardable<UnlockRequest, UnlockReply>(Unlock, static r => r.AccountId),
        new Forwardable<StartRecoveryRequest, StartRecoveryReply>(StartRecovery, static r => r.AccountId),
        new Forwardable<CompleteRecoveryRequest, CompleteRecoveryReply>(CompleteRecovery, static r => r.AccountId),
        new Forwardable<GrantVerificationRequest, GrantVerificationReply>(GrantVerification, static r => r.AccountId),
        new Forwardable<RevokeVerificationRequest, RevokeVerificationReply>(RevokeVerification, static r => r.AccountId),
        new Forwardable<SetHighProfileRequest, SetHighProfileReply>(SetHighProfile, static r => r.AccountId),
        new Forwardable<GetAccountRequest, Account>(GetAccount, static r => r.AccountId),
    }.ToDictionary(f => f.Path, StringComparer.Ordinal);

}
