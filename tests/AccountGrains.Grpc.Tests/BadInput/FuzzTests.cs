using System.Diagnostics;
using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Google.Protobuf;
using Grpc.Testing;
using Xunit.Abstractions;

namespace AccountGrains.Grpc.Tests.BadInput;

/// <summary>
/// A seeded loop of malformed bodies and headers, sent with random DATA-frame splits: every call must get an answer
/// in time and the server must still serve a normal call afterwards. Reproduce a failure with its seed and case number.
/// </summary>
public sealed class FuzzTests(InteropServerFixture server, ITestOutputHelper output) : IClassFixture<InteropServerFixture>
{
    private const int Seed = 20261122;
    private const int Cases = 3000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PerCall = TimeSpan.FromSeconds(15);

    private static readonly string[] Paths =
    [
        "/grpc.testing.TestService/UnaryCall", "/grpc.testing.TestService/EmptyCall", "/grpc.testing.TestService/StreamingInputCall",
        "/grpc.testing.TestService/FullDuplexCall", "/grpc.testing.TestService/StreamingOutputCall", "/grpc.testing.TestService/Nope",
        "/grpc.health.v1.Health/Check", "/x/y",
    ];

    private static readonly string?[] ContentTypes =
        ["application/grpc", "application/grpc", "application/grpc+proto", "application/grpc;charset=utf-8", "application/grpc+json", "application/json", "text/plain", null, "application/grpcx"];

    private static readonly string?[] Timeouts = [null, null, "1n", "0S", "5S", "100m", "99999999H", "soon", "12", "1x", "-1S", "999999999S"];

    private static readonly string?[] Encodings = [null, null, "identity", "gzip", "deflate", "br", "gzip,deflate", string.Empty];

    [Fact]
    public async Task MalformedRequests_AlwaysAnswered_AndServerKeepsServing()
    {
        using var client = server.Host.CreateHttpClient(PerCall);
        var clock = Stopwatch.StartNew();
        var done = 0;
        var resets = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = Environment.GetEnvironmentVariable("GRPC_FUZZ_SERIAL") is null ? 8 : 1 }, async (i, _) =>
        {
            if (clock.Elapsed > Budget)
            {
                return;
            }

            var random = new Random(Seed + i);
            using var request = BuildRequest(random);
            try
            {
                var response = await RawGrpc.SendAsync(client, request);
                if (response.HttpStatus == System.Net.HttpStatusCode.OK && response.Status is null)
                {
                    failures.Add($"case {i}: 200 without grpc-status");
                }
            }
            catch (TaskCanceledException)
            {
                failures.Add($"case {i}: no answer within {PerCall}");
            }
            catch (HttpRequestException)
            {
                // A stream reset is an answer too: Kestrel resets a stream whose body the server did not need
                // (415, UNIMPLEMENTED...), and closes the connection with ENHANCE_YOUR_CALM when a client makes
                // it reset too many at once, as this loop does. The client then reconnects.
                Interlocked.Increment(ref resets);
            }

            Interlocked.Increment(ref done);
        });

        output.WriteLine($"{done} cases in {clock.Elapsed.TotalSeconds:F1} s (seed {Seed}), {resets} answered by a reset");
        Assert.Empty(failures);
        Assert.True(done >= 500, $"only {done} cases ran within {Budget}");
        var normal = await RawGrpc.CallAsync(client, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame(new Empty()));
        Assert.Equal(StatusCode.OK, normal.Status);
    }

    private static HttpRequestMessage BuildRequest(Random random)
    {
        var body = BuildBody(random);
        var cuts = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(0, body.Length + 1)).Order().ToList();
        return RawGrpc.Request(Pick(random, Paths), new ChunkedContent(body, cuts), Pick(random, ContentTypes), r =>
        {
            if (Pick(random, Timeouts) is { } timeout)
            {
                r.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
            }

            if (Pick(random, Encodings) is { } encoding)
            {
                r.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
            }

            for (var h = random.Next(0, 3); h > 0; h--)
            {
                var key = "x-fuzz-" + RandomText(random, "abcdefghijklmnopqrstuvwxyz0123456789-_.", 1, 8) + (random.Next(2) == 0 ? "-bin" : string.Empty);
                r.Headers.TryAddWithoutValidation(key, RandomText(random, "ABCabc123+/=%-_ !~", 0, 24));
            }
        });
    }

    private static byte[] BuildBody(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return RandomBytes(random, random.Next(0, 64));
            case 1:
                return RawGrpc.Frame(RandomBytes(random, random.Next(0, 64)), compressed: random.Next(4) == 0);
            case 2:
                var payload = RandomBytes(random, random.Next(0, 32));
                return RawGrpc.Frame(payload, announcedLength: random.Next(-1, 2) switch { -1 => int.MaxValue, 0 => 0, _ => payload.Length + random.Next(1, 100) });
            case 3:
                var valid = RawGrpc.Frame(new SimpleRequest { ResponseSize = random.Next(0, 64), Payload = new Payload { Body = ByteString.CopyFrom(RandomBytes(random, 8)) } });
                valid[random.Next(valid.Length)] ^= (byte)random.Next(1, 256);
                return valid;
            case 4:
                var one = RawGrpc.Frame(new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = random.Next(0, 16) } } });
                return [.. Enumerable.Repeat(one, random.Next(1, 4)).SelectMany(b => b)];
            default:
                var whole = RawGrpc.Frame(new SimpleRequest { ResponseSize = 4 });
                return whole[..random.Next(0, whole.Length)];
        }
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, string alphabet, int min, int max) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
