using System.Text;
using Google.Protobuf;

namespace AccountGrains.Telemetry.Tests.Support;

/// <summary>
/// The few OTLP fields the tests read, decoded from the wire by field number (opentelemetry-proto, trace/v1,
/// metrics/v1, common/v1): a generic walk over length-delimited fields with Google.Protobuf's reader, instead of
/// vendoring and compiling six .proto files for a dozen fields.
/// </summary>
internal static class OtlpWire
{
    /// <summary>One exported span: the resource's attributes say which silo sent it.</summary>
    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Resource);

    /// <summary>ExportTraceServiceRequest: resource_spans(1) → resource(1), scope_spans(2) → spans(2).</summary>
    public static IEnumerable<Span> Spans(byte[] body)
    {
        foreach (var resourceSpans in Fields(body, 1))
        {
            var resource = Fields(resourceSpans, 1).Select(r => Attributes(r, 1)).FirstOrDefault() ?? new Dictionary<string, string>();
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return new Span(
                        Hex(Fields(span, 1).FirstOrDefault()),
                        Hex(Fields(span, 2).FirstOrDefault()),
                        Hex(Fields(span, 4).FirstOrDefault()),
                        Text(Fields(span, 5).FirstOrDefault()),
                        Attributes(span, 9),
                        resource);
                }
            }
        }
    }

    /// <summary>ExportMetricsServiceRequest: resource_metrics(1) → scope_metrics(2) → metrics(2) → name(1).</summary>
    public static IEnumerable<string> MetricNames(byte[] body) =>
        from resourceMetrics in Fields(body, 1)
        from scopeMetrics in Fields(resourceMetrics, 2)
        from metric in Fields(scopeMetrics, 2)
        select Text(Fields(metric, 1).FirstOrDefault());

    /// <summary>The resource attributes of an export request (each silo's requests carry its own resource).</summary>
    public static IReadOnlyDictionary<string, string> ResourceOf(byte[] body) =>
        Fields(body, 1).SelectMany(resourceSignals => Fields(resourceSignals, 1)).Select(r => Attributes(r, 1)).FirstOrDefault() ?? [];

    /// <summary>
    /// Every histogram data point: resource_metrics(1) → scope_metrics(2) → metrics(2) (name 1, histogram 9) →
    /// data_points(1) → attributes(9), integer attributes (AnyValue int_value 3) as their decimal text.
    /// </summary>
    public static IEnumerable<(string Metric, IReadOnlyDictionary<string, string> Attributes)> HistogramPoints(byte[] body) =>
        from resourceMetrics in Fields(body, 1)
        from scopeMetrics in Fields(resourceMetrics, 2)
        from metric in Fields(scopeMetrics, 2)
        from histogram in Fields(metric, 9)
        from point in Fields(histogram, 1)
        select (Text(Fields(metric, 1).FirstOrDefault()), (IReadOnlyDictionary<string, string>)Attributes(point, 9));

    /// <summary>KeyValue(key 1, value 2: AnyValue with string_value 1, or int_value 3 as text) entries of a message's repeated field; non-strings are left out.</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in Fields(message, field))
        {
            var key = Text(Fields(keyValue, 1).FirstOrDefault());
            if (Fields(keyValue, 2).FirstOrDefault() is not { } any)
            {
                continue;
            }

            if (Fields(any, 1).FirstOrDefault() is { } text)
            {
                attributes[key] = Text(text);
            }
            else if (Integer(any, 3) is { } number)
            {
                attributes[key] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return attributes;
    }

    /// <summary>The values of one length-delimited field of a message, in order; other fields are skipped.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var values = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }

    /// <summary>The value of one varint field of a message, if present.</summary>
    private static long? Integer(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                return input.ReadInt64();
            }

            input.SkipLastField();
        }

        return null;
    }

    private static string Text(byte[]? bytes) => bytes is null ? string.Empty : Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[]? bytes) => bytes is null ? string.Empty : Convert.ToHexStringLower(bytes);
}
