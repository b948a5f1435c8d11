using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using Framecast.Features.Playback;
using Framecast.Hosting;
using Microsoft.Extensions.Configuration;

namespace Framecast.Tests.Deploy;

/// <summary>
/// Binds deployment environment variables (<c>FRAMECAST__SECTION__KEY</c>) to the app's own options classes the way the
/// app does, refusing keys no option has and values the options' validation refuses.
/// </summary>
public static partial class SettingsCheck
{
    private const string Prefix = "FRAMECAST__";
    private static readonly HashSet<string> NetworkKeys = new(["KnownProxies", "KnownNetworks"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every options class of the app, by the section it binds (its <c>Section</c> constant).</summary>
    private static readonly Dictionary<string, Type> OptionsBySection = typeof(FramecastOptions).Assembly.GetTypes()
        .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Type.Name.EndsWith("Options", StringComparison.Ordinal))
        .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with <paramref name="variables"/> (empty when all bind and validate).</summary>
    /// <param name="variables">Name → value; <c>$(NAME)</c> (Kubernetes' dependent variables) and <c>${NAME}</c> (compose) become sample values.</param>
    public static List<string> Problems(IEnumerable<KeyValuePair<string, string>> variables, string where)
    {
        var problems = new List<string>();
        var settings = variables.Where(v => v.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(v => KeyValuePair.Create(v.Key[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)Sample(v.Value)))
            .ToList();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        foreach (var section in configuration.GetChildren())
        {
            if (section.Key.Equals("urls", StringComparison.OrdinalIgnoreCase))
            {
                if (!Uri.TryCreate(section.Value, UriKind.Absolute, out _))
                {
                    problems.Add($"{where}: urls '{section.Value}' is not an address");
                }
                continue;
            }
            if (section.Key.Equals("Network", StringComparison.OrdinalIgnoreCase))
            {
                problems.AddRange(NetworkProblems(configuration, section, where));
                continue;
            }
            if (!OptionsBySection.TryGetValue(section.Key, out var type))
            {
                problems.Add($"{where}: no options section '{section.Key}' in the app ({string.Join(", ", OptionsBySection.Keys.Order())})");
                continue;
            }
            try
            {
                var options = section.Get(type, o => o.ErrorOnUnknownConfiguration = true) ?? Activator.CreateInstance(type)!;
                var results = new List<ValidationResult>();
                if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                {
                    problems.AddRange(results.Select(r => $"{where}: {section.Key}: {r.ErrorMessage}"));
                }
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{where}: {section.Key}: {ex.Message}");
            }
        }
        return problems;
    }

    /// <summary>Network has no options class: the app reads <c>Network:KnownProxies</c> and <c>KnownNetworks</c> itself (and throws on a bad one).</summary>
    private static IEnumerable<string> NetworkProblems(IConfiguration configuration, IConfigurationSection section, string where)
    {
        foreach (var child in section.GetChildren().Where(c => !NetworkKeys.Contains(c.Key)))
        {
            yield return $"{where}: Network:{child.Key} is not a setting the app reads";
        }
        string? error = null;
        try
        {
            new ServiceCollection().AddForwardedHeadersFromConfiguration(configuration);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            error = ex.Message;
        }
        if (error is not null)
        {
            yield return $"{where}: {error}";
        }
    }

    private static string Sample(string value) => Reference().Replace(value, m => m.Groups[1].Value switch
    {
        "POD_IP" => "10.0.0.5",
        _ => "sample",
    });

    [GeneratedRegex(@"\$[({]([A-Z_]+)(?::?[?-][^})]*)?[)}]")]
    private static partial Regex Reference();
}
