namespace Framecast.Features.Chat;

/// <summary>PUT chat-settings: what is sent changes, what is left out stays.</summary>
public sealed record ChatSettingsRequest(int? SlowModeSeconds, bool? FollowersOnly, int? MinAccountAgeMinutes, List<string>? BlockedWords)
{
    public const int MaxWords = 200;
    public const int MaxWordLength = 50;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (SlowModeSeconds is < 0 or > 3600)
        {
            errors["slowModeSeconds"] = ["Use 0 (off) to 3600 seconds."];
        }
        if (MinAccountAgeMinutes is < 0 or > 525_600)
        {
            errors["minAccountAgeMinutes"] = ["Use 0 (off) to 525600 minutes (a year)."];
        }
        if (BlockedWords is { } words)
        {
            if (words.Count > MaxWords)
            {
                errors["blockedWords"] = [$"Use at most {MaxWords} words."];
            }
            else if (words.Any(w => w is null || w.Trim().Length == 0 || w.Trim().Length > MaxWordLength))
            {
                errors["blockedWords"] = [$"Each word has 1 to {MaxWordLength} characters."];
            }
        }
        return errors;
    }

    public static List<string> Normalize(IEnumerable<string> words) =>
        [.. words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct()];
}
