using Qianfan.Sdk.Emulator.CommandLine;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_NoArguments_GivesTheDefaults()
    {
        var command = EmulatorCommandLine.Parse([]);

        Assert.Null(command.Error);
        Assert.False(command.ShowHelp);
        Assert.Equal(0, command.Options.Port);
        Assert.Equal("127.0.0.1", command.Options.Host);
        Assert.Equal("emulator-api-key", command.Options.ApiKey);
        Assert.Equal("emulator-secret-key", command.Options.SecretKey);
    }

    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var command = EmulatorCommandLine.Parse(["--port", "8080", "--api-key", "K", "--secret-key", "S", "--host", "0.0.0.0", "--verbose", "--iam-access-key", "AK", "--iam-secret-key", "SK"]);

        Assert.Null(command.Error);
        Assert.Equal(8080, command.Options.Port);
        Assert.Equal("K", command.Options.ApiKey);
        Assert.Equal("S", command.Options.SecretKey);
        Assert.Equal("0.0.0.0", command.Options.Host);
        Assert.True(command.Verbose);
        Assert.Equal("AK", command.Options.IamAccessKey);
        Assert.Equal("SK", command.Options.IamSecretKey);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help(string flag)
    {
        var command = EmulatorCommandLine.Parse([flag]);

        Assert.True(command.ShowHelp);
        Assert.Contains("--port", EmulatorCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("--api-key", EmulatorCommandLine.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--port" }, "--port needs a value.")]
    [InlineData(new[] { "--port", "eighty" }, "--port must be a number from 0 to 65535, was 'eighty'.")]
    [InlineData(new[] { "--port", "65536" }, "--port must be a number from 0 to 65535, was '65536'.")]
    [InlineData(new[] { "--bogus" }, "Unknown argument '--bogus'.")]
    public void Parse_ReportsMistakes(string[] args, string error)
    {
        var command = EmulatorCommandLine.Parse(args);

        Assert.Equal(error, command.Error);
    }
}
