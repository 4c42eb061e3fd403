using AccountGrains.Grpc.Health.V1;
using AccountGrains.Grpc.Internal;

namespace AccountGrains.Grpc.Reflection;

/// <summary>
/// Server reflection under both names clients use, <c>grpc.reflection.v1</c> and <c>grpc.reflection.v1alpha</c>
/// (same messages): one answer per request on a duplex stream, served from the generated descriptors.
/// </summary>
internal sealed class ReflectionService(IEnumerable<ReflectionFiles> files, GrpcServiceRegistry registry) : IGrpcService
{
    private static readonly Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse> InfoV1 =
        Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse>.FromDescriptor(V1.ReflectionReflection.Descriptor.Services[0].Methods[0]);

    private static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> InfoV1Alpha =
        Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>.FromDescriptor(V1Alpha.ReflectionReflection.Descriptor.Services[0].Methods[0]);

    private readonly Lazy<ReflectionIndex> _index = new(() => new ReflectionIndex(
        files.SelectMany(f => f.Files).Concat([HealthReflection.Descriptor, V1.ReflectionReflection.Descriptor, V1Alpha.ReflectionReflection.Descriptor])));

    public void Bind(GrpcServiceBuilder builder) =>
        builder.AddDuplexStreaming(InfoV1, ServeV1Async).AddDuplexStreaming(InfoV1Alpha, ServeV1AlphaAsync);

    private async Task ServeV1Async(IAsyncStreamReader<V1.ServerReflectionRequest> requests, IServerStreamWriter<V1.ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requests.Current;
            var answer = request.MessageRequestCase switch
            {
                V1.ServerReflectionRequest.MessageRequestOneofCase.FileByFilename => _index.Value.FileByName(request.FileByFilename),
                V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol => _index.Value.FileContainingSymbol(request.FileContainingSymbol),
                V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension => ReflectionAnswer.NotFound("Extensions are not indexed."),
                V1.ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType => _index.Value.ExtensionNumbersOf(request.AllExtensionNumbersOfType),
                V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices => new ReflectionAnswer(null, registry.ServiceNames, 0, null),
                _ => new ReflectionAnswer(null, null, (int)StatusCode.InvalidArgument, "The request names no query."),
            };
            var response = new V1.ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
            if (answer.ErrorMessage is not null)
            {
                response.ErrorResponse = new V1.ErrorResponse { ErrorCode = answer.ErrorCode, ErrorMessage = answer.ErrorMessage };
            }
            else if (answer.Services is { } services)
            {
                response.ListServicesResponse = new V1.ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(services.Select(s => new V1.ServiceResponse { Name = s }));
            }
            else if (answer.Files is { } found)
            {
                response.FileDescriptorResponse = new V1.FileDescriptorResponse();
                response.FileDescriptorResponse.FileDescriptorProto.AddRange(found);
            }
            else
            {
                response.AllExtensionNumbersResponse = new V1.ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
            }

            await responses.WriteAsync(response).ConfigureAwait(false);
        }
    }

    private async Task ServeV1AlphaAsync(IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requests, IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            // Same messages under another package: answer through v1 by re-reading the bytes.
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(requests.Current));
            var v1 = new SingleRequest(request);
            var collector = new Collector();
            await ServeV1Async(v1, collector, context).ConfigureAwait(false);
            await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(collector.Response!))).ConfigureAwait(false);
        }
    }

    private sealed class SingleRequest(V1.ServerReflectionRequest request) : IAsyncStreamReader<V1.ServerReflectionRequest>
    {
        private bool _read;

        public V1.ServerReflectionRequest Current => request;

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var first = !_read;
            _read = true;
            return Task.FromResult(first);
        }
    }

    private sealed class Collector : IServerStreamWriter<V1.ServerReflectionResponse>
    {
        public V1.ServerReflectionResponse? Response { get; private set; }

        public Task WriteAsync(V1.ServerReflectionResponse message)
        {
            Response = message;
            return Task.CompletedTask;
        }
    }
}
