using Microsoft.Extensions.Logging;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// The user's logger factory, less ASP.NET Core's information-level lines: those print raw request URLs, which
/// carry <c>client_secret</c> and <c>access_token</c>. The emulator logs each request itself, masked.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? new WarningsOnlyLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The factory belongs to whoever passed it in.
    public void Dispose()
    {
    }
}
