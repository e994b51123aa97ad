using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>An error as Zhipu answers it: an HTTP status and <c>{"error":{"code":"1xxx","message":…}}</c>, the code a string of digits.</summary>
internal sealed record ZhipuError(int StatusCode, string Code, string Message)
{
    /// <summary><paramref name="code"/> with its usual status and the service's text, unless given.</summary>
    public static ZhipuError Of(string code, string? message = null, int? statusCode = null) =>
        new(statusCode ?? StatusOf(code), code, message ?? MessageOf(code));

    /// <summary>1210: a parameter out of its range.</summary>
    public static ZhipuError InvalidParameter(string message) => new(StatusCodes.Status400BadRequest, "1210", message);

    /// <summary>1214: a field that is not valid.</summary>
    public static ZhipuError InvalidField(string message) => new(StatusCodes.Status400BadRequest, "1214", message);

    private static int StatusOf(string code) => code switch
    {
        "1000" or "1001" or "1002" or "1003" or "1004" or "1005" => StatusCodes.Status401Unauthorized,
        "1113" or "1302" or "1303" or "1304" or "1305" or "1308" => StatusCodes.Status429TooManyRequests,
        "1312" => StatusCodes.Status503ServiceUnavailable,
        "500" or "1200" or "1234" => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string MessageOf(string code) => code switch
    {
        "500" => "内部错误。",
        "1000" => "身份验证失败。",
        "1001" => "Header中未收到Authentication参数，无法进行身份验证。",
        "1002" => "Authorization Token非法，请确认Authorization Token正确传递。",
        "1003" => "Authorization Token已过期。",
        "1004" => "Authorization Token验证失败。",
        "1113" => "您的账户已欠费，请充值后重试。",
        "1200" => "API 调用失败。",
        "1211" => "模型不存在，请检查模型代码。",
        "1214" => "参数非法。请检查文档。",
        "1234" => "网络错误，请联系客服。",
        "1301" => "系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。",
        "1302" => "您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。",
        "1303" => "您当前使用该API的频率过高，请降低频率，或联系客服增加限额。",
        "1304" => "该API已达今日调用次数限额，如有更多需求，请联系客服购买。",
        "1305" => "当前API请求过多，请稍后重试。",
        "1312" => "该模型当前访问量过大，请您稍后再试。",
        _ => "API 调用失败：" + code + "。",
    };
}
