using AccountGrains.Grpc.Tests.Client;

namespace AccountGrains.Grpc.Tests.Interop;

/// <summary>
/// Our client against our server, through the same 13 interop cases each passes against grpc-js: the two
/// halves agree with each other as well as with an independent implementation.
/// </summary>
public sealed class OwnClientInteropTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    public static TheoryData<string> Cases => new(InteropClientCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_OurClientAgainstOurServer_Passes(string name)
    {
        using var cases = new InteropClientCases(server.Address);

        await cases.RunAsync(name);
    }
}
