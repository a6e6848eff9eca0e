using System.Reflection;
using System.Reflection.Emit;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore.Query;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// A number's status is written only by its own changes (<see cref="ServiceNumber"/>'s methods) and the one
/// set-based helper (<see cref="NumberUpdates"/>), both reading <see cref="NumberTransitions"/>. The compiler
/// holds the first (the setter is private); this reads the compiled code of every IcpFiling assembly (the app,
/// its migrations, the test helpers) for the second: a call of the status setter, or a set-based
/// <c>SetProperty</c> of a number's status, anywhere else fails here with the method that makes it.
/// </summary>
public sealed class StatusWritesTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void StatusSetter_IsPrivate()
    {
        var setter = typeof(ServiceNumber).GetProperty(nameof(ServiceNumber.Status))!.SetMethod;

        Assert.NotNull(setter);
        Assert.True(setter.IsPrivate);
    }

    [Fact]
    public void OnlyTheNumbersOwnChangesAndNumberUpdates_WriteAStatus()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "IcpFiling.*.dll").Select(Assembly.LoadFrom).ToList();
        Assert.Contains(typeof(ServiceNumber).Assembly, assemblies);

        var writers = assemblies.SelectMany(MethodsOf).Where(WritesStatus).ToList();
        var outside = writers.Where(m => !IsWithin(m.DeclaringType, typeof(ServiceNumber), typeof(NumberUpdates)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").Distinct().Order().ToList();

        Assert.True(outside.Count == 0, "These write a service number's status outside ServiceNumber and NumberUpdates:\n" + string.Join("\n", outside));
        // The reading works: it finds the writes that are allowed.
        Assert.Contains(writers, m => IsWithin(m.DeclaringType, typeof(NumberUpdates)));
        Assert.Contains(writers, m => IsWithin(m.DeclaringType, typeof(ServiceNumber)));
    }

    private static bool IsWithin(Type? type, params Type[] owners)
    {
        for (; type is not null; type = type.DeclaringType)
        {
            if (owners.Contains(type))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<MethodBase> MethodsOf(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.OfType<Type>()];
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return types.SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)));
    }

    /// <summary>Whether the method's IL calls (or takes a token of) the status setter or a SetProperty of a number's status.</summary>
    private static bool WritesStatus(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return false;
        }

        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineTok
                && Resolve(method, BitConverter.ToInt32(il, at)) is MethodBase target && IsStatusWrite(target))
            {
                return true;
            }

            at += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }

        return false;
    }

    private static MemberInfo? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMember(
                token,
                method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsStatusWrite(MethodBase target) =>
        target == typeof(ServiceNumber).GetProperty(nameof(ServiceNumber.Status))!.SetMethod
        || (target is MethodInfo { Name: nameof(UpdateSettersBuilder<ServiceNumber>.SetProperty), IsGenericMethod: true } setProperty
            && setProperty.DeclaringType == typeof(UpdateSettersBuilder<ServiceNumber>)
            && setProperty.GetGenericArguments() is [var property] && property == typeof(ServiceNumberStatus));
}
