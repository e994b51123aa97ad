namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// Error bodies in the shapes Qianfan and the gateways in front of it send, and odder ones: V1's code as a number, a
/// string, a float or missing, its message of any JSON type; V2's <c>error</c> as an object (code, type, message of
/// any type) or a string; BCE's <c>{code, message}</c>; members in any order, beside fields of a reply.
/// </summary>
internal sealed class OddErrorEnvelopes(Random random)
{
    private static readonly string[] AnyValue = ["\"qps limit\"", "7", "3.5", "true", "{\"detail\":\"x\"}", "[\"a\",1]", "\"\"", "\"千帆繁忙\""];

    /// <summary>An error body and the V1 code it carries, when it carries one the SDK reads as a number.</summary>
    public (string Body, int? Code) Next()
    {
        var extra = random.Next(3) == 0 ? ",\"id\":\"as-err\",\"result\":\"\",\"choices\":[]" : "";
        switch (random.Next(9))
        {
            case 0:
                var code = random.Next(1, 400000);
                return ($"{{\"error_code\":{code},\"error_msg\":{Pick()}{extra}}}", code);
            case 1:
                var text = random.Next(1, 400000);
                return ($"{{\"error_msg\":{Pick()},\"error_code\":\"{text}\"{extra}}}", text);
            case 2:
                var whole = random.Next(1, 400000);
                return ($"{{\"error_code\":{whole}.0,\"error_msg\":{Pick()}{extra}}}", whole);
            case 3:
                return ($"{{\"error_msg\":\"no code given\"{extra}}}", null);
            case 4:
                return ($"{{\"error_code\":\"E_{random.Next(100)}\",\"error_msg\":{Pick()}{extra}}}", null);
            case 5:
                return ($"{{\"error\":{{\"code\":\"{Name()}\",\"type\":\"{Name()}\",\"message\":{Pick()}}}{extra}}}", null);
            case 6:
                return ($"{{\"error\":{{\"type\":\"server_error\"}}{extra}}}", null);
            case 7:
                return ($"{{\"error\":{Pick()}{extra}}}", null);
            default:
                return ($"{{\"requestId\":\"req-{random.Next(100)}\",\"code\":\"{Name()}\",\"message\":\"denied\"}}", null);
        }
    }

    private string Pick() => AnyValue[random.Next(AnyValue.Length)];

    private string Name() => random.Next(3) switch
    {
        0 => "rpm_rate_limit_exceeded",
        1 => "invalid_model",
        _ => "internal_error",
    };
}
