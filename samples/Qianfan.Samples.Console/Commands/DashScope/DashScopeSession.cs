using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.DashScope;

namespace Qianfan.Samples.Console.Commands.DashScope;

/// <summary>
/// A command's connection to DashScope: the key and settings from <c>DASHSCOPE_API_KEY</c>,
/// <c>DASHSCOPE_HTTP_BASE_URL</c> and <c>DASHSCOPE_REGION</c>, or, with no key set, the offline emulator started in this
/// process (<see cref="PlatformSession{TClient}"/>).
/// </summary>
internal static class DashScopeSession
{
    public const string Environment = """
        environment (--platform dashscope):
          DASHSCOPE_API_KEY       the API key (sk-...) of the region the client talks to
          DASHSCOPE_REGION        china (default), international or finance
          DASHSCOPE_HTTP_BASE_URL the native API's base URL (overrides the region), e.g. a proxy
          With no DASHSCOPE_API_KEY set, an offline emulator is started and used.
        """;

    public static Task<PlatformSession<DashScopeClient>> OpenAsync(bool verbose, CliConsole console, CancellationToken cancellationToken)
    {
        var options = DashScopeOptions.FromEnvironment();
        var credentials = DashScopeCredentials.FromEnvironment();
        var platform = new PlatformConnection<DashScopeClient>(
            "DashScope",
            "DASHSCOPE_API_KEY",
            !string.IsNullOrEmpty(credentials.ApiKey),
            options.EffectiveBaseUrl,
            emulator => emulator.DashScopeBaseUri,
            (emulator, loggers) =>
            {
                if (emulator is not null)
                {
                    options.BaseUrl = emulator.DashScopeBaseUri;
                    credentials.ApiKey = emulator.DashScopeApiKey;
                }

                return new DashScopeClient(credentials, options, loggerFactory: loggers);
            });
        return PlatformSession<DashScopeClient>.OpenAsync(platform, verbose, console, cancellationToken);
    }
}
