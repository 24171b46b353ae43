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

    public init(value: Double, unit: NumberUnit, isInteger: Bool) {
        self.value = value
        self.unit = unit
        self.isInteger = isInteger
    }

    /// Decodes a number token's bytes; nil if it is malformed (already reported by the lexer).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> NumberLiteral? {
        var index = 0
        var negative = false
        if index < bytes.count && bytes[index] == 0x2D {
            negative = true
            index += 1
        }
        let bodyStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2E { index += 1 } else { break }
        }
        let body = UnsafeBufferPointer(rebasing: bytes[bodyStart..<index])
        guard isWellFormedBody(body), let unit = unitOf(UnsafeBufferPointer(rebasing: bytes[index...])) else { return nil }
        var integerPart: Double = 0
        var fraction: Double = 0
        var scale: Double = 1
        var inFraction = false
        for byte in body {
            if byte == 0x2E {
                inFraction = true
            } else if byte != 0x5F {
                let digit = Double(byte - 0x30)
                if inFraction {
                    scale /= 10
                    fraction += digit * scale
                } else {
                    integerPart = integerPart * 10 + digit
                }
            }
        }
        let value = integerPart + fraction
        return NumberLiteral(value: negative ? -value : value, unit: unit, isInteger: !inFraction)
    }

    private static func unitOf(_ bytes: UnsafeBufferPointer<UInt8>) -> NumberUnit? {
        NumberUnit(bytes: bytes)
    }

    /// Whether `digits ('_' digits)* ('.' digits ('_' digits)*)?` matches the whole body.
    static func isWellFormedBody(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasDigit = false
        var sawDot = false
        for byte in body {
            switch byte {
            case 0x30...0x39:
                previousWasDigit = true
            case 0x5F:
                guard previousWasDigit else { return false }
                previousWasDigit = false
            case 0x2E:
                guard previousWasDigit, !sawDot else { return false }
                sawDot = true
                previousWasDigit = false
            default:
                return false
            }
        }
        return previousWasDigit
    }
}
