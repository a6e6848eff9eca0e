namespace IcpFiling.Web;

/// <summary>
/// Marker for the one shared string table. Keys are the English texts; a culture's
/// Resources/SharedResource.{culture}.resx translates them, and a missing entry falls back to English.
/// </summary>
public sealed class SharedResource;
