using AccountGrains.Contracts.V1;
using AccountGrains.Grpc;
using Google.Protobuf;

namespace AccountGrains.Client.Internal;

/// <summary>The methods of <c>accountgrains.v1.AccountIntegrity</c>, built once from protoc's descriptors.</summary>
internal static class AccountIntegrityMethods
{
    public static readonly Method<VerifyRequest, VerifyReply> Verify = M<VerifyRequest, VerifyReply>("Verify");
    public static readonly Method<ReportSignalRequest, ReportSignalReply> ReportSignal = M<ReportSignalRequest, ReportSignalReply>("ReportSignal");
    public static readonly Method<LockRequest, LockReply> Lock = M<LockRequest, LockReply>("Lock");
    public static readonly Method<UnlockRequest, UnlockReply> Unlock = M<UnlockRequest, UnlockReply>("Unlock");
    public static readonly Method<StartRecoveryRequest, StartRecoveryReply> StartRecovery = M<StartRecoveryRequest, StartRecoveryReply>("StartRecovery");
    public static readonly Method<CompleteRecoveryRequest, CompleteRecoveryReply> CompleteRecovery = M<CompleteRecoveryRequest, CompleteRecoveryReply>("CompleteRecovery");
    public static readonly Method<GrantVerificationRequest, GrantVerificationReply> GrantVerification = M<GrantVerificationRequest, GrantVerificationReply>("GrantVerification");
    public static readonly Method<RevokeVerificationRequest, RevokeVerificationReply> RevokeVerification = M<RevokeVerificationRequest, RevokeVerificationReply>("RevokeVerification");
    public static readonly Method<SetHighProfileRequest, SetHighProfileReply> SetHighProfile = M<SetHighProfileRequest, SetHighProfileReply>("SetHighProfile");
    public static readonly Method<GetAccountRequest, Account> GetAccount = M<GetAccountRequest, Account>("GetAccount");
    public static readonly Method<GetHistoryRequest, HistoryPage> GetHistory = M<GetHistoryRequest, HistoryPage>("GetHistory");

    private static Method<TRequest, TResponse> M<TRequest, TResponse>(string name)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        Method<TRequest, TResponse>.FromDescriptor(AccountIntegrityReflection.Descriptor.Services[0].FindMethodByName(name));
}
