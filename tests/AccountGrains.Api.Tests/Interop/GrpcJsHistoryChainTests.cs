using AccountGrains.Api.Tests.Support;
using AccountGrains.Testing;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Api.Tests.Interop;

/// <summary>
/// The tamper-evident history end to end: grpc-js writes through the silo process, checks VerifyHistory (and who may
/// call it), then the test edits the silo's SQLite file behind its back, and grpc-js sees the first broken link named.
/// </summary>
public sealed class GrpcJsHistoryChainTests
{
    [Theory]
    [InlineData("UPDATE events SET reason = 'rewritten' WHERE account_id = $a AND seq = 2", "2", "CHAIN_BREAK_KIND_HASH_MISMATCH")]
    [InlineData("DELETE FROM events WHERE account_id = $a AND seq = 3", "3", "CHAIN_BREAK_KIND_SEQ_GAP")]
    public async Task GrpcJsClient_SeesAnEditBySql_NamedByVerifyHistory(string tamper, string brokenSeq, string kind)
    {
        var keys = new ApiKeys();
        var (silo, address) = await SiloProcess.StartAsync(keys.Configuration(separator: "__"));
        await using var _ = silo;
        var environment = NodeScript.ScenarioEnvironment(address, keys).ToList();

        var (written, output) = await NodeScript.RunAsync("history-chain.js", ["--phase=write"], environment);
        Assert.True(written == 0, $"history-chain.js --phase=write exited with {written}:\n{output}\n--- silo output ---\n{silo.Output}");
        var account = output.Split('\n').Single(l => l.StartsWith("ACCOUNT ", StringComparison.Ordinal)).Split(' ')[1];

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(silo.Directory, "accounts.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = tamper;
            command.Parameters.AddWithValue("$a", account);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (checkedCode, checkOutput) = await NodeScript.RunAsync("history-chain.js", ["--phase=check", $"--account={account}", $"--broken-seq={brokenSeq}", $"--kind={kind}"], environment);
        Assert.True(checkedCode == 0, $"history-chain.js --phase=check exited with {checkedCode}:\n{checkOutput}\n--- silo output ---\n{silo.Output}");
    }
}
