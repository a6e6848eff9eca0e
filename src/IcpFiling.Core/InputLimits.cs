namespace IcpFiling.Core;

/// <summary>
/// The length and format rules of what people and systems type in, in one place: the entities' column
/// sizes, the forms' attributes, the messages and the views' maxlength all read these.
/// </summary>
public static class InputLimits
{
    /// <summary>Identity's key column (nvarchar(450)): account ids wherever they are stored.</summary>
    public const int AccountIdMaxLength = 450;

    /// <summary>Identity's e-mail column.</summary>
    public const int EmailMaxLength = 256;

    /// <summary>A password as typed on the sign-in form (longer ones are refused before any hashing).</summary>
    public const int PasswordMaxLength = 256;

    /// <summary>A phone number on the account's profile (E.164 is at most 15 digits; room for spaces and a prefix).</summary>
    public const int PhoneNumberMaxLength = 32;

    /// <summary>An authenticator app's code as typed (6 digits, with room for the spaces people type).</summary>
    public const int AuthenticatorCodeMaxLength = 16;

    /// <summary>A recovery code as typed (Identity's are 11 characters with a hyphen; room for spaces).</summary>
    public const int RecoveryCodeMaxLength = 32;

    /// <summary>A reason given for a change (hold, quota override, void), kept in the audit trail.</summary>
    public const int ReasonMaxLength = 500;

    /// <summary>The organisation or person that files.</summary>
    public const int SubjectNameMaxLength = 200;

    /// <summary>A domain name in ASCII (RFC 1035: 253 characters without the root dot).</summary>
    public const int DomainMaxLength = 253;

    /// <summary>A domain label in ASCII.</summary>
    public const int DomainLabelMaxLength = 63;

    /// <summary>A service number as typed: the 36-character form with room for spaces and braces around it.</summary>
    public const int ServiceNumberInputMaxLength = 100;

    /// <summary>The note an owner may give with a number it restricts to another account (shown to both accounts).</summary>
    public const int GrantNoteMaxLength = 200;

    /// <summary>Search boxes of the number lists.</summary>
    public const int NumberSearchMaxLength = 64;

    /// <summary>A list's sort key or direction in the URL (keys are whitelisted; this only bounds what is read).</summary>
    public const int SortKeyMaxLength = 32;

    public const int IdempotencyKeyMaxLength = 64;

    /// <summary>Instances in one batch apply (the console's checked rows, or one API call).</summary>
    public const int BatchMaxInstances = 20;

    /// <summary>Numbers asked for one instance in a batch (more than any type's quota, so the quota is what refuses).</summary>
    public const int BatchMaxQuantity = 20;

    /// <summary>
    /// The range a date filter accepts (inclusive, ISO yyyy-MM-dd). Nothing in the console is older or that far
    /// ahead, and the bounds keep day arithmetic (to + 1 day) far from DateOnly's limits.
    /// </summary>
    public const string EarliestFilterDate = "2000-01-01";

    /// <inheritdoc cref="EarliestFilterDate"/>
    public const string LatestFilterDate = "2999-12-31";

    /// <summary>Keys are client-made tokens: letters, digits, '-' and '_'.</summary>
    public const string IdempotencyKeyPattern = "^[A-Za-z0-9_-]{1,64}$";

    /// <summary>A grant note as stored: trimmed, null when empty; null too when it holds control characters (the caller refuses it).</summary>
    public static bool IsValidGrantNote(string? note) =>
        note is null || (note.Trim().Length <= GrantNoteMaxLength && !note.Any(char.IsControl));

    public static bool IsValidIdempotencyKey(string? key) =>
        key is { Length: > 0 and <= IdempotencyKeyMaxLength }
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
