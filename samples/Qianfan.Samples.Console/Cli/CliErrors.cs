using System.Globalization;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Zhipu.Errors;

namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// The one place failures become messages and exit codes, for every command: a mistake in the arguments, the
/// environment or the request is exit 2 and names what to fix; a failure of the service or the network is exit 1,
/// printed as <c>error &lt;code&gt;: &lt;message&gt;</c> with the service's code (V1's number or V2's name, DashScope's code,
/// Zhipu's business code).
/// </summary>
internal static class CliErrors
{
    public static async Task<int> ReportAsync(Exception exception, CliConsole console, string? command)
    {
        var (message, exitCode) = Describe(exception);
        await console.Error.WriteLineAsync(message).ConfigureAwait(false);
        if (exception is CliUsageException)
        {
            await console.Error.WriteLineAsync(command is null ? $"run '{CommandName.Current} --help' for usage" : $"run '{CommandName.Current} {command} --help' for usage").ConfigureAwait(false);
        }

        return exitCode;
    }

    /// <summary>Whether a failure of one turn of a conversation ends the whole run (a setup mistake) rather than only that turn.</summary>
    public static bool EndsTheRun(Exception exception) =>
        exception is CliUsageException or QianfanAuthenticationException { Error: "missing_credentials" };

    private static (string Message, int ExitCode) Describe(Exception exception) => exception switch
    {
        CliUsageException usage => ($"error: {usage.Message}", ExitCodes.InvalidInput),
        QianfanValidationException invalid => ($"invalid request: {invalid.Message} (field: {invalid.ParamName})", ExitCodes.InvalidInput),
        QianfanAuthenticationException { Error: "missing_credentials" } missing => ($"error: {missing.ErrorDescription}", ExitCodes.InvalidInput),
        QianfanAuthenticationException auth => ($"error {auth.Error}: {auth.ErrorDescription}", ExitCodes.ServiceFailure),
        QianfanStreamEndedException cut => ($"error stream: {cut.ErrorMessage}", ExitCodes.ServiceFailure),
        QianfanException service => ($"error {Code(service)}: {service.ErrorMessage}", ExitCodes.ServiceFailure),
        DashScopeValidationException invalid => ($"invalid request: {invalid.Message} (field: {invalid.ParamName})", ExitCodes.InvalidInput),
        DashScopeStreamEndedException cut => ($"error stream: {cut.ErrorMessage}", ExitCodes.ServiceFailure),
        DashScopeTaskFailedException task => ($"error {task.Code ?? task.TaskStatus}: {task.ErrorMessage}", ExitCodes.ServiceFailure),
        DashScopeException service => ($"error {Code(service)}: {service.ErrorMessage}", ExitCodes.ServiceFailure),
        ZhipuValidationException invalid => ($"invalid request: {invalid.Message} (field: {invalid.ParamName})", ExitCodes.InvalidInput),
        ZhipuStreamEndedException cut => ($"error stream: {cut.ErrorMessage}", ExitCodes.ServiceFailure),
        ZhipuTaskFailedException task => ($"error {task.TaskStatus}: {task.ErrorMessage}", ExitCodes.ServiceFailure),
        ZhipuException service => ($"error {Code(service)}: {service.ErrorMessage}", ExitCodes.ServiceFailure),
        TimeoutException timeout => ($"error timeout: {timeout.Message}", ExitCodes.ServiceFailure),
        HttpRequestException network => ($"error network: {network.Message}", ExitCodes.ServiceFailure),
        NotSupportedException unsupported => ($"error: {unsupported.Message}", ExitCodes.InvalidInput),
        ArgumentException argument => ($"error: {argument.Message}", ExitCodes.InvalidInput),
        OperationCanceledException => ("cancelled", ExitCodes.ServiceFailure),
        IOException io => ($"error io: {io.Message}", ExitCodes.ServiceFailure),
        UnauthorizedAccessException denied => ($"error io: {denied.Message}", ExitCodes.ServiceFailure),
        _ => ($"error: unexpected {exception.GetType().Name}: {exception.Message}", ExitCodes.ServiceFailure),
    };

    private static string Code(DashScopeException error) =>
        error.Code ?? (error.StatusCode is { } status ? "http " + ((int)status).ToString(CultureInfo.InvariantCulture) : "http");

    private static string Code(ZhipuException error) =>
        error.ErrorCode ?? (error.StatusCode is { } status ? "http " + ((int)status).ToString(CultureInfo.InvariantCulture) : "http");

    private static string Code(QianfanException error) =>
        error.ErrorCode?.ToString(CultureInfo.InvariantCulture)
        ?? error.ErrorName
        ?? (error.StatusCode is { } status ? "http " + ((int)status).ToString(CultureInfo.InvariantCulture) : "http");
}
