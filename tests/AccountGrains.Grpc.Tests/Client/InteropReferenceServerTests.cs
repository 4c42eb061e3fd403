namespace AccountGrains.Grpc.Tests.Client;

/// <summary>Our client passes gRPC's interop cases against grpc-js, an independent implementation.</summary>
[Collection(ReferenceServerCollection.Name)]
public sealed class InteropReferenceServerTests(ReferenceServerFixture server)
{
    public static TheoryData<string> Cases => new(InteropClientCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_AgainstGrpcJs_Passes(string name)
    {
        using var cases = new InteropClientCases(server.Address);

        // Each case asserts what interop-test-descriptions.md asks of the client.
        await cases.RunAsync(name);
    }
}
