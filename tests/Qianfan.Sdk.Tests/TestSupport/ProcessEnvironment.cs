namespace Qianfan.Sdk.Tests.TestSupport;

/// <summary>Tests that set process environment variables run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}
