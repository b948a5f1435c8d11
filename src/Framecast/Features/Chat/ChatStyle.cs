namespace Framecast.Features.Chat;

/// <summary>How a message or danmaku may look: a mode, a colour from the palette, a size. Anything else is refused.</summary>
public static class ChatStyle
{
    public const int MaxLength = 200;

    public static readonly IReadOnlyList<string> Modes = ["scroll", "top", "bottom"];
    public static readonly IReadOnlyList<string> Sizes = ["small", "normal", "large"];

    /// <summary>Bilibili's palette, so danmaku exported to its XML keeps its colours.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#ffffff", "#fe0302", "#ff7204", "#ffaa02", "#ffd302", "#ffff00", "#a0ee00", "#00cd00", "#019899", "#4266be", "#89d5ff", "#cc0273", "#222222", "#9b9b9b"];

    /// <summary>The text as stored (trimmed), or the field errors of the input.</summary>
    public static (string Text, string Mode, string Color, string Size, Dictionary<string, string[]> Errors) Validate(string? text, string? mode, string? color, string? size)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            errors["text"] = ["Write something."];
        }
        else if (trimmed.Length > MaxLength)
        {
            errors["text"] = [$"Use at most {MaxLength} characters."];
        }
        else if (trimmed.Any(c => char.IsControl(c)))
        {
            errors["text"] = ["Use one line of plain text."];
        }
        var m = (mode ?? "scroll").ToLowerInvariant();
        if (!Modes.Contains(m))
        {
            errors["mode"] = ["Use scroll, top or bottom."];
        }
        var c2 = (color ?? Palette[0]).ToLowerInvariant();
        if (!Palette.Contains(c2))
        {
            errors["color"] = [$"Pick a colour from the palette: {string.Join(", ", Palette)}."];
        }
        var s = (size ?? "normal").ToLowerInvariant();
        if (!Sizes.Contains(s))
        {
            errors["size"] = ["Use small, normal or large."];
        }
        return (trimmed, m, c2, s, errors);
    }
}
