using Microsoft.AspNetCore.Routing;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// The routes the emulator serves, as <c>routes.txt</c> (embedded) lists them: the one list that the help, the start-up
/// banner and the package's description all print. <see cref="EnsureListed"/> keeps it true: an emulator whose routes
/// the list does not name does not start.
/// </summary>
internal static class EmulatorRoutes
{
    private const string ResourceName = "Qianfan.Sdk.Emulator.routes.txt";

    /// <summary>The route lines (method(s), path, what it is), comments left out.</summary>
    public static IReadOnlyList<string> Lines { get; } = Load();

    /// <summary>The path of each line, e.g. <c>/v2/chat/completions</c>.</summary>
    public static IReadOnlySet<string> Paths { get; } =
        Lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToHashSet(StringComparer.Ordinal);

    /// <summary>Throws when a route mapped on <paramref name="app"/> (the fallback aside) is missing from <c>routes.txt</c>, or the other way round.</summary>
    public static void EnsureListed(IEndpointRouteBuilder app)
    {
        var mapped = app.DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText?.TrimStart('/'))
            .Where(path => !path.StartsWith("/{", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        if (!mapped.SetEquals(Paths))
        {
            throw new InvalidOperationException(
                "src/Qianfan.Sdk.Emulator/routes.txt must list every route the emulator maps, and only those. Mapped: "
                + string.Join(", ", mapped.Order(StringComparer.Ordinal)) + "; listed: " + string.Join(", ", Paths.Order(StringComparer.Ordinal)) + ".");
        }
    }

    private static string[] Load()
    {
        using var stream = typeof(EmulatorRoutes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .ToArray();
    }
}
