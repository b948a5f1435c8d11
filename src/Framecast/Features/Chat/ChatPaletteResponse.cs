namespace Framecast.Features.Chat;

public sealed record ChatPaletteResponse(IReadOnlyList<string> Colors, IReadOnlyList<string> Modes, IReadOnlyList<string> Sizes, int MaxLength);
