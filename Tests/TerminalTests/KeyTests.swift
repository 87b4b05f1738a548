import Terminal
import XCTest

final class KeyTests: XCTestCase {
    func testNamesRoundTrip() {
        let keys: [Key] = [
            .up, .down, .left, .right, .enter, .escape, .backspace, .tab, .backTab,
            .pageUp, .pageDown, .home, .end, .insert, .delete, .function(5),
            .character("q"), .character("Q"), .character("?"), .character(" "),
            .control("c"), .resize,
        ]
        for key in keys {
            XCTAssertEqual(Key(name: key.name), key, key.name)
        }
    }

    func testStableNames() {
        XCTAssertEqual(Key.escape.name, "esc")
        XCTAssertEqual(Key.backTab.name, "S-tab")
        XCTAssertEqual(Key.control("c").name, "ctrl-c")
        XCTAssertEqual(Key.character(" ").name, "space")
        XCTAssertEqual(Key.function(12).name, "f12")
    }

    func testAliasesAndUnknownNames() {
        XCTAssertEqual(Key(name: "Escape"), .escape)
        XCTAssertEqual(Key(name: "C-x"), .control("x"))
        XCTAssertEqual(Key(name: "PageDown"), .pageDown)
        XCTAssertNil(Key(name: "ctrl-1"))
        XCTAssertNil(Key(name: "f99"))
        XCTAssertNil(Key(name: "hyper-q"))
    }

    func testCharacterCodes() {
        XCTAssertEqual(Key.fromCharacterCode(127), .backspace)
        XCTAssertEqual(Key.fromCharacterCode(8), .backspace)
        XCTAssertEqual(Key.fromCharacterCode(13), .enter)
        XCTAssertEqual(Key.fromCharacterCode(9), .tab)
        XCTAssertEqual(Key.fromCharacterCode(27), .escape)
        XCTAssertEqual(Key.fromCharacterCode(3), .control("c"))
        XCTAssertEqual(Key.fromCharacterCode(0x71), .character("q"))
        XCTAssertEqual(Key.fromCharacterCode(0xE9), .character("é"))
        XCTAssertNil(Key.fromCharacterCode(0))
        XCTAssertNil(Key.fromCharacterCode(0x9B))
    }
}
