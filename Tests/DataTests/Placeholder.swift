import XCTest
@testable import Data

final class MATSmokeTests: XCTestCase {
    func testReadPark() throws {
        let f = try MATFile(path: "../shared/data/park2024/230803_mrcuts24_fov1_grat-000_data.mat")
        print(f.variableNames())
        let te = try f.read("TE")
        print(te["direction"]!.numbers!.prefix(10), te["dt"]!.scalar!)
        let d = try f.read("D")
        if case .structure(_, let names, _) = d { print(names.count) }
        if case .cell(let dims, let el) = d["neuron1"]! { print(dims, el[0].dims, el[0].numbers!.prefix(3)) }
        let g = try MATFile(path: "../shared/data/gsm-orban2016/model_parameters.mat")
        print(try g.read("kGam"), try g.read("A").dims)
        XCTAssertThrowsError(try MATFile(path: "/etc/passwd"))
    }
}
