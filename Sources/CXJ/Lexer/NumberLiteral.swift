/// The unit written right after a number.
public enum NumberUnit: UInt8, Sendable, Equatable {
    case none
    case percent
    case seconds
    case minutes
    case hours
    case days
    case weeks

    /// The unit spellings, for suggestions.
    static let spellings = ["%", "s", "min", "h", "d", "w"]

    init?(bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count {
        case 0: self = .none
        case 1:
            switch bytes[0] {
            case 0x25: self = .percent
            case 0x73: self = .seconds
            case 0x68: self = .hours
            case 0x64: self = .days
            case 0x77: self = .weeks
            default: return nil
            }
        case 3 where bytes[0] == 0x6D && bytes[1] == 0x69 && bytes[2] == 0x6E:
            self = .minutes
        default:
            return nil
        }
    }

    /// Whether the unit measures time.
    public var isDuration: Bool {
        switch self {
        case .seconds, .minutes, .hours, .days, .weeks: return true
        case .none, .percent: return false
        }
    }

    /// How many seconds one of this unit is, for comparing durations.
    public var seconds: Double {
        switch self {
        case .minutes: return 60
        case .hours: return 3_600
        case .days: return 86_400
        case .weeks: return 604_800
        default: return 1
        }
    }

    /// The unit as written in source.
    public var spelling: String {
        switch self {
        case .none: return ""
        case .percent: return "%"
        case .seconds: return "s"
        case .minutes: return "min"
        case .hours: return "h"
        case .days: return "d"
        case .weeks: return "w"
        }
    }
}

/// A number as written in source, decoded: its value, its unit, and whether it had a fraction.
public struct NumberLiteral: Sendable, Equatable {
    public var value: Double
    public var unit: NumberUnit
    public var isInteger: Bool

    /// The largest magnitude a value may have (10^15): every whole number up to it is exact in a
    /// `Double`, and it keeps every formatting and unit conversion finite.
    public static let largestMagnitude = 1e15

    public init(value: Double, unit: NumberUnit, isInteger: Bool) {
        self.value = value
        self.unit = unit
        self.isInteger = isInteger
    }

    /// Decodes a number token's bytes; nil if it is malformed (already reported by the lexer).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> NumberLiteral? {
        let count = bytes.count
        let negative = count > 0 && bytes[0] == 0x2D
        let body = scanBody(bytes, from: negative ? 1 : 0, decoding: true)
        guard body.isValid, let unit = NumberUnit(bytes: UnsafeBufferPointer(rebasing: bytes[body.end..<count])) else {
            return nil
        }
        let value = body.integerPart + body.fraction
        return NumberLiteral(value: negative ? -value : value, unit: unit, isInteger: !body.inFraction)
    }

    /// A number's body (`digits ('_' digits)* ('.' digits ('_' digits)*)?`) scanned from
    /// `start` to the first byte that is no digit, `_` or `.`: where it ends, whether it is well
    /// formed, and with `decoding`, its value's parts (the lexer's scan and `parse` share it,
    /// so a number the lexer decodes has the value `parse` gives).
    @inline(__always)
    static func scanBody(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, decoding: Bool)
        -> (end: Int, isValid: Bool, integerPart: Double, fraction: Double, inFraction: Bool) {
        let count = bytes.count
        var index = start
        var integerPart: Double = 0
        var fraction: Double = 0
        var scale: Double = 1
        var inFraction = false
        var previousWasDigit = false
        var isValid = true
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                if decoding {
                    let digit = Double(byte &- 0x30)
                    if inFraction {
                        scale /= 10
                        fraction += digit * scale
                    } else {
                        integerPart = integerPart * 10 + digit
                    }
                }
                previousWasDigit = true
            } else if byte == 0x5F {
                if !previousWasDigit { isValid = false }
                previousWasDigit = false
            } else if byte == 0x2E {
                if !previousWasDigit || inFraction { isValid = false }
                inFraction = true
                previousWasDigit = false
            } else {
                break
            }
            index += 1
        }
        return (index, isValid && previousWasDigit, integerPart, fraction, inFraction)
    }
}
