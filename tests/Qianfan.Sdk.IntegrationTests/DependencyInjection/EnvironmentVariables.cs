namespace Qianfan.Sdk.IntegrationTests.DependencyInjection;

/// <summary>Sets process environment variables for one test and puts the old values back.</summary>
internal sealed class EnvironmentVariables : IDisposable
{
    private readonly (string Name, string? Old)[] _saved;

    public EnvironmentVariables(params (string Name, string? Value)[] values)
    {
        _saved = values.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToArray();
        foreach (var (name, value) in values)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, old) in _saved)
        {
            Environment.SetEnvironmentVariable(name, old);
        }
    }
}

/// <summary>Tests that read or write process environment variables run alone.</summary>
[CollectionDefinition(nameof(EnvironmentVariableTests), DisableParallelization = true)]
public sealed class EnvironmentVariableTests;
