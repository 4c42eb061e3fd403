using AccountGrains.Cli.Bulk;
using AccountGrains.Cli.Output;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Tests;

/// <summary>acctctl's own parsing, in process: account files, enum names, durations, idempotency keys.</summary>
public sealed class ParsingTests
{
    [Fact]
    public void AccountList_SkipsCommentsAndBlanks_ReportsBadLinesByNumber_RunsADuplicateOnce()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["alice", "", "  # only a comment", "bob\t# line 17: UNAVAILABLE: x", "carol dave", "e!ve", "alice", new string('a', 65)]);
            var list = AccountList.Read(path);
            Assert.Equal([new BulkItem(1, "alice"), new BulkItem(4, "bob")], list.Items);
            Assert.Equal([5, 6, 8], list.BadLines.Select(b => b.Line));
            Assert.Equal(1, list.Duplicates);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("compromised", LockReason.Compromised)]
    [InlineData("SUSPICIOUS_ACTIVITY", LockReason.SuspiciousActivity)]
    [InlineData("lock_reason_impersonation", LockReason.Impersonation)]
    [InlineData("deceptive-identity", LockReason.DeceptiveIdentity)]
    public void ProtoEnums_ReadTheProtoNameWithOrWithoutItsPrefix(string text, LockReason expected)
    {
        Assert.Equal(expected, ProtoEnums.Parse<LockReason>(text, "--reason"));
        Assert.Equal(expected.ToString(), ProtoEnums.Parse<LockReason>(ProtoEnums.Short(expected), "--reason").ToString());
    }

    [Fact]
    public void ProtoEnums_RefuseTheZeroValueAndUnknownNames()
    {
        var e = Assert.Throws<CliUsageException>(() => ProtoEnums.Parse<LockReason>("UNSPECIFIED", "--reason"));
        Assert.Contains("COMPROMISED, SUSPICIOUS_ACTIVITY, BRUTE_FORCE", e.Message, StringComparison.Ordinal);
        Assert.Throws<CliUsageException>(() => ProtoEnums.Parse<LockReason>("nope", "--reason"));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("5", 5_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("7d", 604_800_000)]
    public void Durations_AsPeopleTypeThem(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TimeText.ParseDuration(text, "--timeout"));

    [Theory]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("soon")]
    public void Durations_NotPositiveOrNotOne_AreRefused(string text) =>
        Assert.Throws<CliUsageException>(() => TimeText.ParseDuration(text, "--timeout"));

    [Fact]
    public void IdempotencyKeys_NameTheOperationTheRunAndTheAccount()
    {
        Assert.Equal("acctctl:lock:dump-2026-12:alice", IdempotencyKeys.For("lock", "dump-2026-12", "alice"));
        Assert.Equal("wave_12.b@x", IdempotencyKeys.CheckRunName("wave_12.b@x"));
        Assert.Throws<CliUsageException>(() => IdempotencyKeys.CheckRunName("two words"));
        Assert.Throws<CliUsageException>(() => IdempotencyKeys.CheckRunName(new string('r', 129)));
        Assert.Throws<CliUsageException>(() => IdempotencyKeys.CheckRunName(null));
    }
}
